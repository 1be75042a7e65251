namespace CleanAuth.WebApi.Authentication;

internal static partial class AuthenticationLog
{
    [LoggerMessage(
        EventId = 1100,
        EventName = "MalformedAuthorizationHeader",
        Level = LogLevel.Information,
        Message = "Rejected a malformed Authorization header")]
    public static partial void MalformedAuthorizationHeader(ILogger logger);
}
