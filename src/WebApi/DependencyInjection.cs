using System.Net;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Security;
using CleanAuth.WebApi.Authentication;
using CleanAuth.WebApi.Errors;
using CleanAuth.WebApi.Hosting;
using CleanAuth.WebApi.OpenApi;
using CleanAuth.WebApi.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Serilog;

namespace CleanAuth.WebApi;

public static class DependencyInjection
{
    public static IServiceCollection AddWebApi(
        this IServiceCollection services,
        IConfiguration configuration,
        IHostEnvironment environment)
    {
        services.AddMediator(options =>
        {
            // Scoped, because handlers use the DbContext.
            options.ServiceLifetime = ServiceLifetime.Scoped;

            // Validation runs first, so a handler never sees a request that failed it; telemetry then
            // counts what the token handlers decided; last, a request that ended tokens waits until
            // this instance's token state has seen the change.
            options.PipelineBehaviors =
            [
                typeof(ValidationBehaviour<,>),
                typeof(TelemetryBehaviour<,>),
                typeof(TokenStateSyncBehaviour<,>),
            ];
        });

        services.AddOptions<TokenOptions>()
            .BindConfiguration(TokenOptions.SectionName)
            .Validate(
                tokens => tokens.ClientTokenLifetime > TimeSpan.Zero
                    && tokens.AccessTokenLifetime > TimeSpan.Zero
                    && tokens.RefreshTokenLifetime > TimeSpan.Zero,
                "Token lifetimes must be positive TimeSpan values such as 00:15:00.")
            .ValidateOnStart();
        services.AddOptions<HousekeepingOptions>().BindConfiguration(HousekeepingOptions.SectionName);
        services.AddHostedService<TokenHousekeeping>();
        services.AddOptions<HttpsOptions>()
            .Configure(https => https.Required = !environment.IsDevelopment())
            .BindConfiguration(HttpsOptions.SectionName);

        services.AddControllers();
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddApiDocumentation();
        services.AddClientTokenAuthentication();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag]);
        services.AddTrustedProxies(configuration);
        services.AddBrowserCors();
        services.AddCleanAuthTelemetry(configuration);
        services.AddRequestLimits();
        services.AddCleanAuthRateLimiting();

        // A year rather than the framework's 30 days: users who come back rarely stay protected.
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));

        return services;
    }

    /// <summary>
    /// Forwarded headers are believed only from the proxies configured under
    /// <c>ReverseProxy:KnownProxies</c> (addresses) and <c>ReverseProxy:KnownNetworks</c> (CIDR), so a
    /// client cannot claim HTTPS or another address by sending the headers itself.
    /// </summary>
    private static void AddTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();

            foreach (var proxy in configuration.GetSection("ReverseProxy:KnownProxies").Get<string[]>() ?? [])
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in configuration.GetSection("ReverseProxy:KnownNetworks").Get<string[]>() ?? [])
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }

            // With both lists empty the middleware would believe every peer, not none.
            if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0)
            {
                options.ForwardedHeaders = ForwardedHeaders.None;
            }
        });
    }

    public static WebApplication UseWebApi(this WebApplication app)
    {
        // Order matters: security headers are registered before anything can answer; request logging
        // wraps the exception handler so handled errors are logged with their real status.
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        // CORS before the HTTPS check, so a browser app can read why a request was refused.
        app.UseCors();
        app.UseMiddleware<HttpsRequirementMiddleware>();
        app.UseRequestBodyLimit();
        app.UseCleanAuthRateLimiting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapControllers();
        app.MapHealthEndpoints();
        app.MapApiDocumentation();

        return app;
    }
}
