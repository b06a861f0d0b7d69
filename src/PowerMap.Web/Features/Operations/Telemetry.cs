using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using PowerMap.Core.Data;

namespace PowerMap.Web.Features.Operations;

/// <summary>
/// OpenTelemetry metrics and traces: HTTP requests (rate and latency, <c>http.server.request.duration</c>), PowerMap's
/// write duration and revision lag (<see cref="PowerMapTelemetry"/>), Blazor circuits (<c>aspnetcore.components.circuit.*</c>),
/// SignalR connections and Kestrel; traces of requests, writes, catch-ups and Npgsql commands. Exported over OTLP only when
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (plus the standard <c>OTEL_*</c> variables); otherwise nothing leaves the process.
/// </summary>
public static class Telemetry
{
    public static WebApplicationBuilder AddPowerMapTelemetry(this WebApplicationBuilder builder)
    {
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Configuration["OTEL_SERVICE_NAME"] ?? "powermap"))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddMeter(PowerMapTelemetry.Name, "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits",
                    "Microsoft.AspNetCore.Http.Connections", "Microsoft.AspNetCore.Server.Kestrel"))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation()
                .AddSource(PowerMapTelemetry.Name, "Npgsql"));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            otel.UseOtlpExporter();
        }
        return builder;
    }
}
