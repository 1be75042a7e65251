using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Persistence;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.Common.Users;
using CleanAuth.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Tokens.ValidateToken;

/// <summary>
/// The same rules as <see cref="AccessTokenValidator"/>, answered from the database: for when the
/// in-process state is not known to be current, or has not heard of the token's client or user.
/// </summary>
public sealed class StoredTokenValidator(
    IApplicationDbContext db,
    IUserAccounts userAccounts,
    ILogger<StoredTokenValidator> logger)
{
    public async Task<TokenValidationResult> ValidateAsync(
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
