using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Persistence;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.Common.Users;
using CleanAuth.Domain.Tokens;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Tokens.ValidateToken;

/// <summary>Decides whether a presented access token may be used now, and whose it is.</summary>
public sealed record ValidateToken(string Token) : IQuery<TokenValidationResult>
{
    public override string ToString() => nameof(ValidateToken);
}

public sealed class ValidateTokenHandler(
    IApplicationDbContext db,
    IAccessTokenProtector tokenProtector,
    IUserAccounts userAccounts,
    TimeProvider timeProvider,
    ILogger<ValidateTokenHandler> logger) : IQueryHandler<ValidateToken, TokenValidationResult>
{
    public async ValueTask<TokenValidationResult> Handle(ValidateToken query, CancellationToken cancellationToken)
    {
        // The cryptography rejects a forged or altered token before any lookup.
        if (!tokenProtector.TryUnprotect(query.Token, out var content) || content is null)
        {
            return Reject(TokenRejection.Invalid, tokenId: null, "not a genuine token");
        }

        var now = timeProvider.GetUtcNow();
        if (now >= content.ExpiresAt)
        {
            return Reject(TokenRejection.Expired, content.TokenId, "expired");
        }

        var stored = await db.AccessTokens
            .AsNoTracking()
            .Where(t => t.Id == content.TokenId && t.ClientId == content.ClientId)
            .Join(db.ApiClients, t => t.ClientId, c => c.Id, (token, client) => new { token, client })
            .SingleOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return Reject(TokenRejection.Invalid, content.TokenId, "no record of this token");
        }

        if (stored.token.StatusAt(now) == TokenStatus.Revoked)
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
            if (user is null || !user.IsActive)
            {
                return Reject(TokenRejection.Invalid, content.TokenId, "user deleted or deactivated");
            }
        }

        return TokenValidationResult.Valid(new AuthenticatedCaller(
            stored.token.Id,
            stored.client.Id,
            stored.client.ClientKey,
            stored.token.UserId,
            stored.token.Kind,
            stored.token.ExpiresAt));
    }

    private TokenValidationResult Reject(TokenRejection rejection, Guid? tokenId, string reason)
    {
        logger.TokenRejected(tokenId, reason);
        return TokenValidationResult.Rejected(rejection);
    }
}
