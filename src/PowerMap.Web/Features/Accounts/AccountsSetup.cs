using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using PowerMap.Core.Data;
using PowerMap.Core.Data.Accounts;
using PowerMap.Core.Data.Providers;
using Microsoft.EntityFrameworkCore;

namespace PowerMap.Web.Features.Accounts;

/// <summary>Accounts, tokens, policies, the API gate, rate-limited sign-in and the security headers (docs/security.md).</summary>
public static class AccountsSetup
{
    public const int SignInAttemptsPerMinute = 10;

    public static WebApplicationBuilder AddPowerMapAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.Configure<AuthOptions>(builder.Configuration.GetSection(AuthOptions.Section));
        bool anonymousRead = builder.Configuration.GetValue($"{AuthOptions.Section}:AnonymousRead", false);

        services.AddIdentity<PowerMapUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
            })
            .AddEntityFrameworkStores<PowerMapDbContext>()
            .AddDefaultTokenProviders();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/login";
            o.Cookie.Name = "PowerMap.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireAssertion(c => anonymousRead || c.User.Identity?.IsAuthenticated == true))
            .AddPolicy(Policies.Edit, p => p.RequireRole(Roles.Editor, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
                .RequireAssertion(c => anonymousRead || c.User.Identity?.IsAuthenticated == true).Build());
        // One key ring for every instance, in the database: a cookie or antiforgery token issued by one instance is
        // accepted by the others (behind a load balancer without sticky sessions for plain HTTP requests).
        services.AddDataProtection().SetApplicationName("PowerMap").PersistKeysToDbContext<PowerMapDbContext>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AccountService>();
        services.AddSingleton(new TokenCacheOptions(TimeSpan.FromSeconds(
            builder.Configuration.GetValue($"{AuthOptions.Section}:TokenCacheSeconds", TokenCacheOptions.DefaultDuration.TotalSeconds))));
        services.AddScoped<CircuitHandler, CircuitActorHandler>();

        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // A body of its own, so the status-code pages do not turn the refusal into a page (or a sign-in redirect).
            o.OnRejected = (context, ct) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return new ValueTask(context.HttpContext.Response.WriteAsync("Too many sign-in attempts from this address: wait a minute and try again.", ct));
            };
            // Sign-in attempts: 10 a minute per client address (password guessing), beside the per-account lockout.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/account/login")
                    ? RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = SignInAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter(""));
        });
        return builder;
    }

    /// <summary>Authentication, the API gate, the rate limiter and authorization, in that order (after routing).</summary>
    public static WebApplication UsePowerMapAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseMiddleware<ApiGate>();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Creates the roles and, on the first start, <c>admin</c> with a random password printed once to the console. Under
    /// the writers' lock (PostgreSQL): instances starting together on an empty database would otherwise both create them
    /// and one would fail on the unique index; the second now finds them made.
    /// </summary>
    public static async Task EnsureFirstAdminAsync(this IServiceProvider services)
    {
        string? password;
        await using (await DatabaseProviders.LockWritersAsync(services.GetRequiredService<IDbContextFactory<PowerMapDbContext>>(), CancellationToken.None,
            DatabaseProviders.StartUpLockWait))
        {
            await using var scope = services.CreateAsyncScope();
            password = await scope.ServiceProvider.GetRequiredService<AccountService>().EnsureFirstAdminAsync();
        }
        if (password is not null)
        {
            var console = services.GetService<FirstRunOutput>()?.Writer ?? Console.Out;
            console.WriteLine();
            console.WriteLine("PowerMap created the first user. Sign in with:");
            console.WriteLine("    user name: admin");
            console.WriteLine($"    password:  {password}");
            console.WriteLine("This password is shown once: change it under your user menu → Change password.");
            console.WriteLine();
        }
    }
}

/// <summary>Where the first start prints the admin's password (the console; a test reads it from a writer of its own).</summary>
public sealed record FirstRunOutput(TextWriter Writer);
