using Microsoft.AspNetCore.Identity;

namespace PowerMap.Core.Data.Accounts;

/// <summary>A person who signs in (ASP.NET Core Identity), with one of the <see cref="Roles"/>.</summary>
public sealed class PowerMapUser : IdentityUser
{
    public PowerMapUser()
    {
    }

    public PowerMapUser(string userName) : base(userName)
    {
    }
}

/// <summary>The three roles: a viewer reads, an editor also writes (merge imports too), an admin also manages users, tokens and replace imports.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Admin, Editor, Viewer];

    public static bool CanEdit(string? role) => role is Editor or Admin;
}

/// <summary>
/// An API token as NetBox's: per user, optionally expiring, read-only unless <see cref="WriteEnabled"/>. Only the
/// SHA-256 of the key is stored; <see cref="Hint"/> keeps the key's last four characters so a list can tell tokens apart.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public string UserId { get; set; } = "";
    public string KeyHash { get; set; } = "";
    public string Hint { get; set; } = "";
    public string Description { get; set; } = "";
    public bool WriteEnabled { get; set; } = true;
    public DateTime Created { get; set; }
    public DateTime? Expires { get; set; }
    public DateTime? LastUsed { get; set; }

    public bool IsExpired(DateTime utcNow) => Expires is { } e && e <= utcNow;
}
