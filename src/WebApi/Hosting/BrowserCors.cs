using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Hosting;

/// <summary>Bound from the <c>Cors</c> configuration section.</summary>
public sealed class CorsSettings
{
    public const string SectionName = "Cors";

    /// <summary>
    /// Origins of browser apps (<c>web</c> clients) that may call the API, such as
    /// <c>https://app.example.com</c>. Empty (the default): no cross-origin browser calls.
    /// </summary>
    public IList<string> AllowedOrigins { get; } = [];
}

/// <summary>
/// CORS for browser apps, from one configured list of origins. Tokens travel in the
/// <c>Authorization</c> header, never in cookies, so credentials mode is never allowed; and every
/// origin is named, because <c>*</c> would let any web page drive the token endpoint (the password
/// grant included) from its visitors' browsers.
/// </summary>
public static class BrowserCors
{
    /// <summary>Methods the API's routes use.</summary>
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Request headers beyond the CORS-safelisted ones: the token, and JSON bodies.</summary>
    private static readonly string[] RequestHeaders = ["Authorization", "Content-Type"];

    /// <summary>
    /// Response headers scripts must read: the RFC 6750 challenge that says whether to get a new
    /// token or sign in again, where a created resource lives, and when to retry.
    /// </summary>
    private static readonly string[] ExposedHeaders = ["WWW-Authenticate", "Location", "Retry-After"];

    /// <summary>Browsers may cache a preflight answer this long (Chromium caps it at two hours).</summary>
    private static readonly TimeSpan PreflightMaxAge = TimeSpan.FromMinutes(10);

    private const StringSplitOptions SplitOptions =
        StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries;

    public static IServiceCollection AddBrowserCors(this IServiceCollection services)
    {
        services.AddOptions<CorsSettings>()
            .BindConfiguration(CorsSettings.SectionName)
            .Configure<IConfiguration>((settings, configuration) =>
            {
                // One variable is easier to set in a container than an indexed list, and the binder
                // would ignore it silently: Cors__AllowedOrigins=https://a.example,https://b.example.
                var list = configuration[$"{CorsSettings.SectionName}:{nameof(CorsSettings.AllowedOrigins)}"];
                foreach (var origin in list?.Split(',', SplitOptions) ?? [])
                {
                    settings.AllowedOrigins.Add(origin);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsSettings>, CorsSettingsValidator>();
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsSettings>>((cors, settings) =>
        {
            var origins = settings.Value.AllowedOrigins.Select(o => Normalize(o)!).ToArray();
            if (origins.Length == 0)
            {
                return;
            }

            // No AllowCredentials: the token travels in the Authorization header, which needs no
            // credentials mode, and this API sets no cookies.
            cors.AddDefaultPolicy(policy => policy
                .WithOrigins(origins)
                .WithMethods(Methods)
                .WithHeaders(RequestHeaders)
                .WithExposedHeaders(ExposedHeaders)
                .SetPreflightMaxAge(PreflightMaxAge));
        });
        return services;
    }

    /// <summary>
    /// <c>scheme://host[:port]</c> as browsers send it in <c>Origin</c>, or null when the text is
    /// not one origin (a wildcard, a path, a query, user information, another scheme).
    /// </summary>
    internal static string? Normalize(string origin)
    {
        if (origin.Contains('*', StringComparison.Ordinal)
            || !Uri.TryCreate(origin.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.AbsolutePath != "/"
            || uri.Query.Length > 0
            || uri.Fragment.Length > 0
            || uri.UserInfo.Length > 0)
        {
            return null;
        }

        return uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }

    private sealed class CorsSettingsValidator : IValidateOptions<CorsSettings>
    {
        public ValidateOptionsResult Validate(string? name, CorsSettings options)
        {
            var failures = options.AllowedOrigins
                .Where(origin => Normalize(origin) is null)
                .Select(origin => origin.Contains('*', StringComparison.Ordinal)
                    ? $"Cors:AllowedOrigins may not contain '{origin}': name each browser app's origin, "
                        + "such as https://app.example.com."
                    : $"Cors:AllowedOrigins has '{origin}', which is not an origin: write scheme, host and "
                        + "port only, such as https://app.example.com or http://localhost:3000.")
                .ToList();

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
