using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PowerMap.Core.Data.Accounts;

namespace PowerMap.Web.Features.Accounts;

/// <summary>A user as the Users page lists it.</summary>
public sealed record UserRow(string Id, string UserName, string Role, bool LockedOut);

/// <summary>Users and roles: the first admin, the command line's <c>user add</c>, the Users page. One role per user.</summary>
public sealed class AccountService(UserManager<PowerMapUser> users, RoleManager<IdentityRole> roles, TokenStore tokens)
{
    /// <summary>A random password that meets the password rules (20 characters from four classes).</summary>
    public static string NewPassword()
    {
        const string lower = "abcdefghijkmnopqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "-_.!#%+";
        const string all = lower + upper + digits + symbols;
        var chars = new char[20];
        for (int i = 0; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }
        chars[0] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[RandomNumberGenerator.GetInt32(symbols.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>Creates <c>admin</c> with a random password when there is no user at all; returns the password, or null.</summary>
    public async Task<string?> EnsureFirstAdminAsync()
    {
        await EnsureRolesAsync();
        if (users.Users.Any())
        {
            return null;
        }
        string password = NewPassword();
        var result = await AddAsync("admin", Roles.Admin, password);
        return result.Succeeded ? password : throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Creates a user with one role.</summary>
    public async Task<IdentityResult> AddAsync(string userName, string role, string password)
    {
        if (!Roles.All.Contains(role))
        {
            return IdentityResult.Failed(new IdentityError { Code = "role", Description = $"Role must be one of: {string.Join(", ", Roles.All)}." });
        }
        await EnsureRolesAsync();
        var user = new PowerMapUser(userName.Trim());
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return created;
        }
        return await users.AddToRoleAsync(user, role);
    }

    public async Task<PowerMapUser?> FindAsync(string userName) => await users.FindByNameAsync(userName.Trim());

    public async Task<string> RoleOfAsync(PowerMapUser user) => (await users.GetRolesAsync(user)).FirstOrDefault() ?? Roles.Viewer;

    public async Task<IReadOnlyList<UserRow>> ListAsync()
    {
        var result = new List<UserRow>();
        foreach (var u in users.Users.OrderBy(u => u.UserName).ToList())
        {
            result.Add(new UserRow(u.Id, u.UserName ?? "", await RoleOfAsync(u), u.LockoutEnd is { } end && end > DateTimeOffset.UtcNow));
        }
        return result;
    }

    public async Task<IdentityResult> SetRoleAsync(string userId, string role)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null || !Roles.All.Contains(role))
        {
            return IdentityResult.Failed(new IdentityError { Code = "role", Description = "Unknown user or role." });
        }
        var current = await users.GetRolesAsync(user);
        var removed = await users.RemoveFromRolesAsync(user, current);
        if (!removed.Succeeded)
        {
            return removed;
        }
        var added = await users.AddToRoleAsync(user, role);
        tokens.Forget(); // the user's tokens carry the role
        if (added.Succeeded)
        {
            // Signs the user's other sessions out of their old role at the next validation.
            await users.UpdateSecurityStampAsync(user);
        }
        return added;
    }

    public async Task<IdentityResult> DeleteAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return IdentityResult.Failed(new IdentityError { Code = "user", Description = "Unknown user." });
        }
        var deleted = await users.DeleteAsync(user);
        tokens.Forget(); // their tokens went with them
        return deleted;
    }

    public async Task<IdentityResult> ResetPasswordAsync(string userId, string password)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return IdentityResult.Failed(new IdentityError { Code = "user", Description = "Unknown user." });
        }
        var token = await users.GeneratePasswordResetTokenAsync(user);
        return await users.ResetPasswordAsync(user, token, password);
    }
}
