using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PowerMap.Core.Data;
using PowerMap.Core.Data.Accounts;
using PowerMap.Tests.TestSupport;
using PowerMap.Web.Features.Accounts;

namespace PowerMap.Tests.Web.Accounts;

// issue 14: two instances started together on one empty PostgreSQL database both start; one admin, one password printed.
public class FirstStartTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An app instance on a shared PostgreSQL database whose commands pass <paramref name="interceptor"/>.</summary>
    private sealed class Instance(string connection, IInterceptor interceptor, TextWriter console) : ApiFactory
    {
        protected override string ConnectionString() => connection;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Database:Provider", "Postgres");
            builder.ConfigureServices(s =>
            {
                s.ConfigureDbContext<PowerMapDbContext>(o => o.AddInterceptors(interceptor));
                s.AddSingleton(new FirstRunOutput(console));
            });
        }
    }

    /// <summary>
    /// Holds the first INSERT into a table of each of two flows until both got there (or a few seconds passed), so that
    /// both instances have decided "no roles yet" before either creates one: the race, every time.
    /// </summary>
    private sealed class MeetAtFirstInsert(string table) : DbCommandInterceptor
    {
        private readonly Barrier _barrier = new(2);
        private int _arrived;

        public int Met;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await MeetAsync(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await MeetAsync(command);
            return result;
        }

        private async Task MeetAsync(DbCommand command)
        {
            if (command.CommandText.TrimStart().StartsWith("INSERT INTO " + table, StringComparison.Ordinal) && Interlocked.Increment(ref _arrived) <= 2
                && await Task.Run(() => _barrier.SignalAndWait(TimeSpan.FromSeconds(3))))
            {
                Interlocked.Increment(ref Met);
            }
        }
    }

    [Fact]
    public async Task TwoInstancesStartingTogether_OnAnEmptyDatabase_BothStart_OneAdmin()
    {
        string connection = await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        var meet = new MeetAtFirstInsert("\"AspNetRoles\"");
        var consoleA = new StringWriter();
        var consoleB = new StringWriter();
        await using var a = new Instance(connection, meet, consoleA);
        await using var b = new Instance(connection, meet, consoleB);

        // Services starts the app: migrations, the snapshot, the roles and the first admin.
        await Task.WhenAll(Task.Run(() => a.Services, Ct), Task.Run(() => b.Services, Ct));

        await using var scope = a.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PowerMapUser>>();
        Assert.Equal(["admin"], await users.Users.Select(u => u.UserName!).ToListAsync(Ct));
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        Assert.Equal(Roles.All.Order(), (await roles.Roles.Select(r => r.Name!).ToListAsync(Ct)).Order());
        Assert.Single(new[] { consoleA, consoleB }, c => c.ToString().Contains("PowerMap created the first user"));
        using var health = b.CreateClient(key: null);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await health.GetAsync("/health/ready", Ct)).StatusCode);
    }
}
