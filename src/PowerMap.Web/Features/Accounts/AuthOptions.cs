namespace PowerMap.Web.Features.Accounts;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Lets anyone who can reach the app read (wall screens, meeting-room displays); writes still need an editor.</summary>
    public bool AnonymousRead { get; set; }
}

/// <summary>The authorization policies of pages and components.</summary>
public static class Policies
{
    /// <summary>Signed in, or anyone when <see cref="AuthOptions.AnonymousRead"/> is on.</summary>
    public const string Read = "read";

    /// <summary>An editor or an admin.</summary>
    public const string Edit = "edit";

    /// <summary>An admin.</summary>
    public const string Admin = "admin";
}
