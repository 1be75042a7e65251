using System.Globalization;
using CleanAuth.WebApi.OAuth;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.RateLimiting;

/// <summary>
/// The one shape of a 429: <c>Retry-After</c> in seconds, and an RFC 6749-style body on OAuth
/// endpoints (<c>slow_down</c>, the error RFC 8628 §3.5 registers for token-endpoint responses
/// that come too fast) or an RFC 9457 problem anywhere else.
/// </summary>
internal static class TooManyRequests
{
    public const string OAuthError = "slow_down";

    public static async Task WriteAsync(HttpContext context, TimeSpan? retryAfter, string detail)
    {
        // The limiters report the whole window when they cannot say better: wait at least a second.
        var seconds = retryAfter is { } wait ? Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)) : 1;

        var response = context.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        if (IsOAuth(context))
        {
            await response.WriteAsJsonAsync(new TokenErrorResponse(OAuthError, detail), context.RequestAborted);
            return;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests",
                Detail = detail,
                Type = "https://www.rfc-editor.org/rfc/rfc6585#section-4",
            },
        });
    }

    public static bool IsOAuth(HttpContext context) =>
        OAuthEndpointAttribute.IsOn(context.GetEndpoint()) || context.Request.Path.StartsWithSegments("/oauth");
}
