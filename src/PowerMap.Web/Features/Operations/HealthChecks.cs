using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PowerMap.Core.Data;

namespace PowerMap.Web.Features.Operations;

/// <summary>
/// <c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database answers, no migration is pending and
/// the in-memory snapshot is loaded and at the database's revision): for load balancers and orchestrators, so they need no sign-in and tell nothing else.
/// </summary>
public static class HealthChecks
{
    public const string Ready = "ready";

    public static IServiceCollection AddPowerMapHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapPowerMapHealthChecks(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) }).AllowAnonymous();
        return app;
    }

    private sealed class DatabaseReadyCheck(IDbContextFactory<PowerMapDbContext> factory, TopologyService topology) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                if (!await db.Database.CanConnectAsync(ct))
                {
                    return HealthCheckResult.Unhealthy("The database cannot be reached.");
                }
                if ((await db.Database.GetPendingMigrationsAsync(ct)).Any())
                {
                    return HealthCheckResult.Unhealthy("Database migrations are pending.");
                }
                if (!topology.IsLoaded)
                {
                    return HealthCheckResult.Unhealthy("The topology is not loaded yet.");
                }
                long database = await topology.DatabaseRevisionAsync(ct);
                if (topology.DataRevision < database)
                {
                    // Another instance's write may have committed a moment ago: catch up once before saying "behind".
                    await topology.CatchUpAsync(ct);
                }
                return topology.DataRevision >= database
                    ? HealthCheckResult.Healthy($"Snapshot at the database's revision {database}.")
                    : HealthCheckResult.Unhealthy($"The snapshot is at revision {topology.DataRevision}, the database at {database}.");
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached: " + ex.GetBaseException().Message);
            }
        }
    }
}
