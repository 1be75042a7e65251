using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Persistence;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.Common.Users;
using CleanAuth.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Tokens.ValidateToken;

/// <summary>
/// The rules a token must pass on every request: genuine, not expired, not revoked (itself or
/// its session), its client still accepting it, and for user tokens its user too. The answer
/// comes from the in-process token state; only while that state is not known to be current, or
/// for a client or user it has not heard of yet, does it come from the database.
/// </summary>
public sealed class AccessTokenValidator(
    IApplicationDbContext db,
    IAccessTokenProtector tokenProtector,
    ITokenStateCache tokenState,
    IUserAccounts userAccounts,
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

        if (tokenState.TryGetCurrent(out var snapshot) && ValidateInMemory(snapshot, content, now) is { } verdict)
        {
            return verdict;
        }

        return await ValidateAgainstDatabaseAsync(content, now, cancellationToken);
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

    private async Task<TokenValidationResult> ValidateAgainstDatabaseAsync(
        AccessTokenContent content,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var stored = await db.AccessTokens
            .AsNoTracking()
            .Where(t => t.Id == content.TokenId && t.ClientId == content.ClientId)
            .Join(db.ApiClients, t => t.ClientId, c => c.Id, (token, client) => new
            {
                token,
                client,
                SessionRevokedAt = db.RefreshTokenFamilies
                    .Where(f => f.Id == token.FamilyId)
                    .Select(f => f.RevokedAt)
                    .FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return Reject(TokenRejection.Invalid, content.TokenId, "no record of this token");
        }

        if (stored.token.StatusAt(now) == TokenStatus.Revoked || stored.SessionRevokedAt is not null)
        {
            return Reject(TokenRejection.Invalid, content.TokenId, "revoked");
        }

        if (!stored.client.AcceptsTokenIssuedAt(stored.token.IssuedAt, now))
        {
            return Reject(TokenRejection.Invalid, content.TokenId, "client deactivated or expired");
        }

        if (stored.token.UserId is { } userId)
        {
            var user = await userAccounts.FindAsync(userId, cancellationToken);
            if (user is null || !user.AcceptsTokenIssuedAt(stored.token.IssuedAt))
            {
                return Reject(TokenRejection.Invalid, content.TokenId, "user deleted, deactivated or signed out");
            }
        }

        return TokenValidationResult.Valid(new AuthenticatedCaller(
            stored.token.Id,
            stored.client.Id,
            stored.client.ClientKey,
            stored.token.UserId,
            stored.token.FamilyId,
            stored.token.Kind,
            stored.token.IssuedAt,
            stored.token.ExpiresAt));
    }

    private TokenValidationResult Reject(TokenRejection rejection, Guid? tokenId, string reason)
    {
        logger.TokenRejected(tokenId, reason);
        return TokenValidationResult.Rejected(rejection);
    }
}
