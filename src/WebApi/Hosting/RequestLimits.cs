using System.Globalization;
using CleanAuth.WebApi.OAuth;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Hosting;

/// <summary>
/// Bound from the <c>Limits</c> configuration section: how much a request may make the server
/// read. Every request this API takes is small; anything far larger is abuse or a mistake.
/// </summary>
public sealed class RequestLimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>Body size for endpoints that set no limit of their own (413 beyond it).</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>All request headers together (Kestrel answers 431 beyond it; its own default is 32 KiB).</summary>
    public int MaxRequestHeadersTotalBytes { get; set; } = 16 * 1024;

    /// <summary>How long a client may take to send its headers (Kestrel's default is 30 s).</summary>
    public TimeSpan RequestHeadersTimeout { get; set; } = TimeSpan.FromSeconds(10);

    internal bool IsValid =>
        MaxRequestBodyBytes > 0 && MaxRequestHeadersTotalBytes > 0 && RequestHeadersTimeout > TimeSpan.Zero;
}

public static class RequestLimits
{
    public static IServiceCollection AddRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RequestLimitsOptions>()
            .BindConfiguration(RequestLimitsOptions.SectionName)
            .Validate(limits => limits.IsValid, "Limits must be positive.")
            .ValidateOnStart();

        services.AddOptions<KestrelServerOptions>().Configure<IOptions<RequestLimitsOptions>>((kestrel, options) =>
        {
            var limits = options.Value;
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = limits.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = limits.MaxRequestHeadersTotalBytes;
            kestrel.Limits.RequestHeadersTimeout = limits.RequestHeadersTimeout;
        });

        // A field sent twice is refused rather than silently taking the last value, as the token
        // endpoint does for its parameters: a proxy or log that read the first must not be misled.
        services.Configure<JsonOptions>(json => json.JsonSerializerOptions.AllowDuplicateProperties = false);

        // The jQuery-style value providers throw on a form field or query key with an unclosed '[',
        // which made any such request a 500. Nothing here binds jQuery-style names.
        services.Configure<MvcOptions>(mvc =>
        {
            mvc.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            mvc.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
        });

        return services;
    }

    /// <summary>Place it before anything that reads a request body.</summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.UseMiddleware<RequestBodyLimitMiddleware>();
}

/// <summary>
/// Applies the endpoint's own body limit (<c>[RequestSizeLimit]</c>) before any middleware reads
/// the body (MVC would apply it only when the action runs, too late once a middleware has read),
/// and refuses a declared <c>Content-Length</c> over the limit at once with 413 and a standard
/// body, without reading it. A body sent without a length is cut off by the server at the limit.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(
    RequestDelegate next,
    IOptions<RequestLimitsOptions> options,
    IProblemDetailsService problemDetailsService)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var endpointLimit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>();
        var limit = endpointLimit is null ? options.Value.MaxRequestBodyBytes : endpointLimit.MaxRequestBodySize;

        var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (feature is { IsReadOnly: false })
        {
            feature.MaxRequestBodySize = limit;
        }

        if (limit is { } max && context.Request.ContentLength > max)
        {
            await WriteTooLargeAsync(context, max);
            return;
        }

        await next(context);
    }

    private async Task WriteTooLargeAsync(HttpContext context, long max)
    {
        var detail = $"The request body is larger than {max.ToString(CultureInfo.InvariantCulture)} bytes.";
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;

        if (OAuthEndpointAttribute.IsOn(context.GetEndpoint()))
        {
            await context.Response.WriteAsJsonAsync(new TokenErrorResponse("invalid_request", detail));
            return;
        }

        await problemDetailsService.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Request body too large",
                Detail = detail,
            },
        });
    }
}
