namespace CleanAuth.WebApi.RateLimiting;

/// <summary>Rate-limit events. Properties carry the counted address and client key, never a secret.</summary>
internal static partial class RateLimitingLog
{
    [LoggerMessage(
        EventId = 1300,
        EventName = "RequestRateLimited",
        Level = LogLevel.Information,
        Message = "Answered 429 to {ClientAddress} for {RequestPath}: the per-address limit is reached")]
    public static partial void RequestRateLimited(ILogger logger, string clientAddress, string requestPath);

    [LoggerMessage(
        EventId = 1301,
        EventName = "ClientSecretThrottleEngaged",
        Level = LogLevel.Warning,
        Message = "Client {ClientId} failed authentication {PermitLimit} times from {ClientAddress}; "
            + "further attempts from there are refused unchecked for now")]
    public static partial void ClientSecretThrottleEngaged(
        ILogger logger,
        string clientId,
        string clientAddress,
        int permitLimit);

    [LoggerMessage(
        EventId = 1302,
        EventName = "ClientSecretAttemptThrottled",
        Level = LogLevel.Information,
        Message = "Answered 429 to {ClientAddress} for client {ClientId} without checking the secret")]
    public static partial void ClientSecretAttemptThrottled(ILogger logger, string clientId, string clientAddress);
}
