using System.Text.Json;
using CleanAuth.WebApi.OAuth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Hosting;

/// <summary>Bound from the <c>Https</c> configuration section.</summary>
public sealed class HttpsOptions
{
    public const string SectionName = "Https";

    /// <summary>Refuse plain-HTTP requests. Defaults to true everywhere but Development.</summary>
    public bool Required { get; set; } = true;
}

/// <summary>
/// Refuses plain HTTP with a 400 instead of redirecting: by the time a redirect is sent, the
/// client secret or token has already crossed the network in clear, and a redirect teaches
/// clients that it worked. Requests through a trusted proxy count as HTTPS when the proxy says
/// so (forwarded headers run first). Health probes carry no credentials and stay reachable.
/// </summary>
internal sealed class HttpsRequirementMiddleware(
    RequestDelegate next,
    IOptions<HttpsOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!options.Value.Required || context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health"))
        {
            await next(context);
            return;
        }

        const string detail = "This API accepts HTTPS only. Resend the request over https:// and treat any "
            + "credential already sent over plain HTTP as exposed.";
        context.Response.StatusCode = StatusCodes.Status400BadRequest;

        if (OAuthEndpointAttribute.IsOn(context.GetEndpoint()))
        {
            await context.Response.WriteAsJsonAsync(new TokenErrorResponse("invalid_request", detail));
            return;
        }

        // Written directly: the problem-details writers stay silent for some endpoints (those that
        // declare other bodies), and this answer must always say what is wrong.
        await context.Response.WriteAsJsonAsync(
            new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "HTTPS required",
                Detail = detail,
            },
            (JsonSerializerOptions?)null,
            "application/problem+json");
    }
}
