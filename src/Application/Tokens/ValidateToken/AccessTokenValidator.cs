using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Tokens.ValidateToken;

/// <summary>
/// The rules a token must pass on every request: genuine, not expired, not revoked (itself or
/// its session), its client still accepting it, and for user tokens its user too. The answer
/// comes from the in-process token state; only while that state is not known to be current, or
/// for a client or user it has not heard of yet, does it come from the database.
/// </summary>
/// <remarks>
/// A singleton with no database dependency, so that the hot path builds no DbContext or user
/// manager; the database path runs in a scope of its own when it is needed.
/// </remarks>
public sealed class AccessTokenValidator(
    IAccessTokenProtector tokenProtector,
    ITokenStateCache tokenState,
    IServiceScopeFactory scopeFactory,
    IOptions<TokenOptions> tokenOptions,
    TimeProvider timeProvider,
    ILogger<AccessTokenValidator> logger)
{
    public async Task<TokenValidationResult> ValidateAsync(string tokenText, CancellationToken cancellationToken)
    {
        // The cryptography rejects a forged or altered token before any lookup.
        if (!tokenProtector.TryUnprotect(tokenText, out var content) || content is null)
        {
            return Reject(TokenRejection.Invalid, tokenId: null, "not a genuine token");
        }

        var now = timeProvider.GetUtcNow();
        if (now >= content.ExpiresAt)
        {
            return Reject(TokenRejection.Expired, content.TokenId, "expired");
        }

        // This server never issues a token for longer than its configured lifetimes; a longer one
        // can only come from someone holding the key ring, so it is not honoured.
        var longestLifetime = tokenOptions.Value.ClientTokenLifetime > tokenOptions.Value.AccessTokenLifetime
            ? tokenOptions.Value.ClientTokenLifetime
            : tokenOptions.Value.AccessTokenLifetime;
        if (content.ExpiresAt - content.IssuedAt > longestLifetime || content.IssuedAt > now.AddMinutes(5))
        {
            return Reject(TokenRejection.Invalid, content.TokenId, "lifetime longer than this server issues");
        }

        if (tokenState.TryGetCurrent(out var snapshot) && ValidateInMemory(snapshot, content, now) is { } verdict)
        {
            return verdict;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        return await scope.ServiceProvider
            .GetRequiredService<StoredTokenValidator>()
            .ValidateAsync(content, now, cancellationToken);
    }

    /// <summary>The hot path: no I/O. <c>null</c> when the state has not heard of the client or user yet.</summary>
    private TokenValidationResult? ValidateInMemory(
        ITokenStateSnapshot snapshot,
        AccessTokenContent content,
        DateTimeOffset now)
    {
        if (snapshot.IsTokenRevoked(content.TokenId)
            || (content.FamilyId is { } sessionId && snapshot.IsSessionRevoked(sessionId)))
        {
            return Reject(TokenRejection.Invalid, content.TokenId, "revoked");
        }

        if (!snapshot.TryGetClient(content.ClientId, out var client))
        {
            return null;
        }

        if (!client.AcceptsTokenIssuedAt(content.IssuedAt, now))
        {
            return Reject(TokenRejection.Invalid, content.TokenId, "client deactivated or expired");
        }

        if (content.UserId is { } userId)
        {
            if (!snapshot.TryGetUser(userId, out var user))
            {
                return null;
            }

            if (!user.AcceptsTokenIssuedAt(content.IssuedAt))
            {
                return Reject(TokenRejection.Invalid, content.TokenId, "user deleted, deactivated or signed out");
            }
        }

        return TokenValidationResult.Valid(new AuthenticatedCaller(
            content.TokenId,
            content.ClientId,
            client.ClientKey,
            content.UserId,
            content.FamilyId,
            content.UserId is null ? TokenKind.Client : TokenKind.User,
            content.IssuedAt,
            content.ExpiresAt));
    }

    private TokenValidationResult Reject(TokenRejection rejection, Guid? tokenId, string reason)
    {
        logger.TokenRejected(tokenId, reason);
        return TokenValidationResult.Rejected(rejection);
    }
}
