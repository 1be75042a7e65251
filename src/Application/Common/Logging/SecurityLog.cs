using CleanAuth.Application.Common.Users;
using CleanAuth.Domain.Clients;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Common.Logging;

/// <summary>
/// Security events of the use cases, each with a stable event id so that alerts and audits can
/// select them. Properties carry identifiers only: never a secret, a password or token text.
/// Successes are audit facts (Information); a client-caused failure is Information too, so
/// routine bad requests do not raise alerts; patterns worth a look are Warning.
/// </summary>
public static partial class SecurityLog
{
    [LoggerMessage(
        EventId = 1000,
        EventName = "ClientTokenIssued",
        Level = LogLevel.Information,
        Message = "Issued client token {TokenId} to client {ClientId}")]
    public static partial void ClientTokenIssued(this ILogger logger, Guid tokenId, string clientId);

    [LoggerMessage(
        EventId = 1001,
        EventName = "UserTokenIssued",
        Level = LogLevel.Information,
        Message = "Issued user token {TokenId} to user {UserId} through client {ClientId}")]
    public static partial void UserTokenIssued(this ILogger logger, Guid tokenId, Guid userId, string clientId);

    [LoggerMessage(
        EventId = 1010,
        EventName = "ClientAuthenticationFailed",
        Level = LogLevel.Information,
        Message = "Client authentication failed for client {ClientId}: {Reason}")]
    public static partial void ClientAuthenticationFailed(this ILogger logger, string clientId, string reason);

    [LoggerMessage(
        EventId = 1011,
        EventName = "GrantNotAllowed",
        Level = LogLevel.Information,
        Message = "Client {ClientId} asked for grant {GrantType}, which it is not allowed")]
    public static partial void GrantNotAllowed(this ILogger logger, string clientId, GrantTypes grantType);

    [LoggerMessage(
        EventId = 1020,
        EventName = "SignInFailed",
        Level = LogLevel.Information,
        Message = "Sign-in through client {ClientId} failed for user {UserId}: {Reason}")]
    public static partial void SignInFailed(
        this ILogger logger,
        string clientId,
        Guid? userId,
        PasswordCheckStatus reason);

    [LoggerMessage(
        EventId = 1021,
        EventName = "UserLockedOut",
        Level = LogLevel.Warning,
        Message = "User {UserId} is locked out after repeated wrong passwords")]
    public static partial void UserLockedOut(this ILogger logger, Guid userId);

    [LoggerMessage(
        EventId = 1030,
        EventName = "TokenRejected",
        Level = LogLevel.Information,
        Message = "Rejected access token {TokenId}: {Reason}")]
    public static partial void TokenRejected(this ILogger logger, Guid? tokenId, string reason);

    [LoggerMessage(
        EventId = 1040,
        EventName = "ClientRegistered",
        Level = LogLevel.Information,
        Message = "Registered client {ClientId} ({Platform})")]
    public static partial void ClientRegistered(this ILogger logger, string clientId, ClientPlatform platform);

    [LoggerMessage(
        EventId = 1041,
        EventName = "ClientDeactivated",
        Level = LogLevel.Information,
        Message = "Deactivated client {ClientId}; its tokens stop working")]
    public static partial void ClientDeactivated(this ILogger logger, string clientId);

    [LoggerMessage(
        EventId = 1042,
        EventName = "ClientActivated",
        Level = LogLevel.Information,
        Message = "Activated client {ClientId}")]
    public static partial void ClientActivated(this ILogger logger, string clientId);

    [LoggerMessage(
        EventId = 1050,
        EventName = "UserRegistered",
        Level = LogLevel.Information,
        Message = "Registered user {UserId}")]
    public static partial void UserRegistered(this ILogger logger, Guid userId);

    [LoggerMessage(
        EventId = 1002,
        EventName = "RefreshRejected",
        Level = LogLevel.Information,
        Message = "Refused a refresh through client {ClientId} for session {SessionId}: {Reason}")]
    public static partial void RefreshRejected(this ILogger logger, string clientId, Guid? sessionId, string reason);

    [LoggerMessage(
        EventId = 1003,
        EventName = "RefreshTokenReuseDetected",
        Level = LogLevel.Warning,
        Message = "A used refresh token came back through client {ClientId}: "
            + "ended session {SessionId} of user {UserId}")]
    public static partial void RefreshTokenReused(this ILogger logger, string clientId, Guid sessionId, Guid userId);

    [LoggerMessage(
        EventId = 1031,
        EventName = "TokenRevoked",
        Level = LogLevel.Information,
        Message = "Client {ClientId} revoked {TokenKind} {TokenId}")]
    public static partial void TokenRevoked(this ILogger logger, string clientId, string tokenKind, Guid tokenId);

    [LoggerMessage(
        EventId = 1032,
        EventName = "SessionsEnded",
        Level = LogLevel.Information,
        Message = "Ended sessions of user {UserId}: {Reason}")]
    public static partial void SessionsEnded(this ILogger logger, Guid userId, string reason);

    [LoggerMessage(
        EventId = 1043,
        EventName = "ClientSecretRotated",
        Level = LogLevel.Information,
        Message = "Rotated the secret of client {ClientId}; the previous one works until {PreviousSecretExpiresAt}")]
    public static partial void ClientSecretRotated(
        this ILogger logger,
        string clientId,
        DateTimeOffset? previousSecretExpiresAt);

    [LoggerMessage(
        EventId = 1044,
        EventName = "ClientUpdated",
        Level = LogLevel.Information,
        Message = "Updated client {ClientId}")]
    public static partial void ClientUpdated(this ILogger logger, string clientId);

    [LoggerMessage(
        EventId = 1051,
        EventName = "UserAdministered",
        Level = LogLevel.Information,
        Message = "An administrator changed user {UserId}: {Change}")]
    public static partial void UserAdministered(this ILogger logger, Guid userId, string change);

    [LoggerMessage(
        EventId = 1060,
        EventName = "ExpiredTokensPurged",
        Level = LogLevel.Information,
        Message = "Removed {AccessTokens} access tokens and {Sessions} sessions that expired before {Cutoff}")]
    public static partial void ExpiredTokensPurged(
        this ILogger logger,
        int accessTokens,
        int sessions,
        DateTimeOffset cutoff);
}
