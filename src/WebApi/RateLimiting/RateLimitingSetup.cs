using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.RateLimiting;

/// <summary>
/// Per-address request limits (ASP.NET Core's rate limiter) and the failed-secret throttle, all
/// configured under <c>RateLimiting</c>. The framework rejects with 503 unless told otherwise;
/// here every rejection is a 429 with <c>Retry-After</c>.
/// </summary>
public static class RateLimitingSetup
{
    /// <summary>The policy that <c>[EnableRateLimiting]</c> names on the sign-up action.</summary>
    public const string SignUpPolicy = "sign-up";

    public static IServiceCollection AddCleanAuthRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>()
            .BindConfiguration(RateLimitingOptions.SectionName)
            .Validate(limits => limits.IsValid, "Each RateLimiting limit needs a positive PermitLimit and Window.")
            .ValidateOnStart();
        services.AddSingleton<FailedClientSecretThrottle>();

        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitingOptions>>((limiter, settings) =>
        {
            var limits = settings.Value;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = OnRejectedAsync;

            // Global, so that every /oauth endpoint is covered, including ones added later.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                TooManyRequests.IsOAuth(context)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        "oauth " + ClientAddress.PartitionKey(context.Connection.RemoteIpAddress),
                        _ => FixedWindow(limits.OAuth))
                    : RateLimitPartition.GetNoLimiter(string.Empty));

            limiter.AddPolicy(SignUpPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                ClientAddress.PartitionKey(context.Connection.RemoteIpAddress),
                _ => FixedWindow(limits.SignUp)));
        });

        return services;
    }

    /// <summary>
    /// Adds the limiters when <c>RateLimiting:Enabled</c> is on. Place it after the forwarded
    /// headers (so that addresses are the real callers') and before authentication (so that a
    /// flood costs no token validation).
    /// </summary>
    public static IApplicationBuilder UseCleanAuthRateLimiting(this IApplicationBuilder app)
    {
        if (!app.ApplicationServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.Enabled)
        {
            return app;
        }

        app.UseRateLimiter();
        app.UseMiddleware<ClientSecretThrottleMiddleware>();
        return app;
    }

    private static FixedWindowRateLimiterOptions FixedWindow(WindowLimit limit) => new()
    {
        PermitLimit = limit.PermitLimit,
        Window = limit.Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>()
            .CreateLogger(typeof(RateLimitingSetup).FullName!);
        var address = ClientAddress.PartitionKey(context.Connection.RemoteIpAddress);
        RateLimitingLog.RequestRateLimited(logger, address, context.Request.Path.Value ?? string.Empty);

        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
        await TooManyRequests.WriteAsync(context, retryAfter, "Too many requests from this address. Retry later.");
    }
}
