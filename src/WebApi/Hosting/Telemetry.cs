using CleanAuth.Application.Common.Telemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CleanAuth.WebApi.Hosting;

/// <summary>
/// OpenTelemetry metrics and traces (ASP.NET Core, Npgsql, and CleanAuth's own counters), exported
/// by OTLP only when a collector is configured: <c>OpenTelemetry:OtlpEndpoint</c> (with
/// <c>OpenTelemetry:OtlpProtocol</c>, <c>grpc</c> or <c>http/protobuf</c>), or the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> and its companions. Without either nothing is collected.
/// </summary>
public static class Telemetry
{
    public const string EndpointKey = "OpenTelemetry:OtlpEndpoint";

    public const string ProtocolKey = "OpenTelemetry:OtlpProtocol";

    private const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddCleanAuthTelemetry(
        this IServiceCollection services,
        IConfiguration configuration)
    {
        var endpoint = configuration[EndpointKey];
        if (string.IsNullOrWhiteSpace(endpoint) && string.IsNullOrWhiteSpace(configuration[StandardEndpointKey]))
        {
            return services;
        }

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                serviceName: configuration["OTEL_SERVICE_NAME"] ?? "cleanauth",
                serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(CleanAuthMetrics.MeterName))
            .WithTracing(tracing => tracing
                // Probes every few seconds would drown the traces worth reading.
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddNpgsql());

        if (string.IsNullOrWhiteSpace(endpoint))
        {
            // The exporter reads OTEL_EXPORTER_OTLP_ENDPOINT, _PROTOCOL and _HEADERS itself.
            builder.UseOtlpExporter();
            return services;
        }

        builder.UseOtlpExporter(ParseProtocol(configuration[ProtocolKey]), ParseEndpoint(endpoint));
        return services;
    }

    private static Uri ParseEndpoint(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == "http" || uri.Scheme == "https")
            ? uri
            : throw new InvalidOperationException(
                $"{EndpointKey} must be an absolute http(s) URL such as http://otel-collector:4317.");

    private static OtlpExportProtocol ParseProtocol(string? protocol) => protocol?.Trim().ToLowerInvariant() switch
    {
        null or "" or "grpc" => OtlpExportProtocol.Grpc,
        "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
        _ => throw new InvalidOperationException($"{ProtocolKey} must be grpc (the default) or http/protobuf."),
    };
}
