using Serilog;
using Serilog.AspNetCore;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace CleanAuth.WebApi.Hosting;

internal static class LoggingSetup
{
    /// <summary>
    /// Serilog from configuration: readable console in Development, compact JSON elsewhere. Admin
    /// verbs log warnings only, to standard error, so that their standard output stays clean for
    /// scripts (one JSON document with <c>--json</c>).
    /// </summary>
    public static void AddSerilogLogging(this WebApplicationBuilder builder, bool forAdminCommands)
    {
        builder.Services.AddSerilog((services, logger) =>
        {
            logger
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                // The framework's "Request starting" lines carry the full URL with its query string,
                // where a misbehaving client may put a token. Serilog's request logging replaces them
                // with the path alone; no configuration may turn them back on.
                .MinimumLevel.Override("Microsoft.AspNetCore.Hosting.Diagnostics", LogEventLevel.Warning);

            if (!builder.Configuration.GetValue("Logging:Console:Enabled", true))
            {
                return;
            }

            if (forAdminCommands)
            {
                // EF Core's own error lines would bury the verb's one-line explanation of the failure.
                logger.MinimumLevel.Warning()
                    .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Fatal)
                    .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, formatProvider: null);
            }
            else if (builder.Environment.IsDevelopment())
            {
                logger.WriteTo.Console(
                    outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: "
                        + "{Message:lj}{NewLine}{Exception}",
                    formatProvider: null);
            }
            else
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
        },
        // The host's own logger, never the process-wide static one: several hosts in one process
        // (tests) must not write into each other's sinks, and disposing one must not silence the rest.
        preserveStaticLogger: true);

        // Request logging would otherwise fall back to the static logger.
        builder.Services.AddOptions<RequestLoggingOptions>()
            .Configure<Serilog.ILogger>((options, logger) => options.Logger = logger);
    }
}
