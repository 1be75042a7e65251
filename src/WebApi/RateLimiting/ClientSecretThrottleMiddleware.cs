using CleanAuth.Application.Common.Logging;
using CleanAuth.WebApi.OAuth;

namespace CleanAuth.WebApi.RateLimiting;

/// <summary>
/// Guards the OAuth endpoints against secret guessing from one address: reads the client key the
/// way the endpoints do, refuses with 429 (without checking the secret) once that key has failed
/// too often from this address, and counts every 401 (a failed client authentication, RFC 6749
/// §5.2) against it. Reading the body here is safe: the request body limit is applied earlier.
/// </summary>
internal sealed class ClientSecretThrottleMiddleware(
    RequestDelegate next,
    FailedClientSecretThrottle throttle,
    ILogger<ClientSecretThrottleMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !OAuthEndpointAttribute.IsOn(context.GetEndpoint()))
        {
            await next(context);
            return;
        }

        // The endpoint reads the body again: forms are cached by the framework, JSON is rewound.
        context.Request.EnableBuffering();
        var request = await OAuthRequestReader.ReadAsync(context.Request, context.RequestAborted);
        context.Request.Body.Position = 0;

        if (request.Client is not { } client)
        {
            await next(context);
            return;
        }

        var address = ClientAddress.PartitionKey(context.Connection.RemoteIpAddress);
        var clientId = LogValues.PresentedClientKey(client.ClientKey);
        var partition = FailedClientSecretThrottle.PartitionKey(client.ClientKey, context.Connection.RemoteIpAddress);
        if (!throttle.MayAttempt(partition, out var retryAfter))
        {
            RateLimitingLog.ClientSecretAttemptThrottled(logger, clientId, address);
            await TooManyRequests.WriteAsync(
                context,
                retryAfter,
                "Too many failed client authentications from this address. Retry later.");
            return;
        }

        await next(context);

        if (context.Response.StatusCode == StatusCodes.Status401Unauthorized && throttle.RecordFailure(partition))
        {
            RateLimitingLog.ClientSecretThrottleEngaged(logger, clientId, address, throttle.PermitLimit);
        }
    }
}
