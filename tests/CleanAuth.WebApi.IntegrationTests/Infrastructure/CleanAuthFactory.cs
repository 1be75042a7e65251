using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace CleanAuth.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// The real app in process, on the test database, with a fake clock and every log event
/// captured at the most verbose level.
/// </summary>
public sealed class CleanAuthFactory(string connectionString) : WebApplicationFactory<Program>
{
    public FakeTimeProvider Time { get; } =
        new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", connectionString);
        builder.UseSetting("Https:Required", "false");
        builder.UseSetting("Logging:Console:Enabled", "false");
        builder.UseSetting("Housekeeping:Enabled", "false");

        // Every test runs from one address; the rate-limit tests switch the limits on for themselves.
        builder.UseSetting("RateLimiting:Enabled", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
        foreach (var source in new[] { "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System.Net.Http" })
        {
            builder.UseSetting($"Serilog:MinimumLevel:Override:{source}", "Verbose");
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.AddSingleton<ILogEventSink>(Logs);
        });
    }
}
