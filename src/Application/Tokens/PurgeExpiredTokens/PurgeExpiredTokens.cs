using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Tokens.PurgeExpiredTokens;

/// <summary>
/// Removes token records that expired more than <paramref name="Retention"/> ago. A revocation
/// matters only until the token would have expired anyway, so nothing still needed is lost; the
/// retention keeps recent records for audits and session lists.
/// </summary>
public sealed record PurgeExpiredTokens(TimeSpan Retention) : ICommand<PurgedTokens>;

public sealed record PurgedTokens(int AccessTokens, int Sessions);

public sealed class PurgeExpiredTokensHandler(
    IApplicationDbContext db,
    TimeProvider timeProvider,
    ILogger<PurgeExpiredTokensHandler> logger) : ICommandHandler<PurgeExpiredTokens, PurgedTokens>
{
    public async ValueTask<PurgedTokens> Handle(PurgeExpiredTokens command, CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow() - command.Retention;

        var accessTokens = await db.AccessTokens
            .Where(t => t.ExpiresAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);

        // A session's refresh tokens go with it (cascade); its access tokens expired before it did.
        var sessions = await db.RefreshTokenFamilies
            .Where(f => f.ExpiresAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);

        logger.ExpiredTokensPurged(accessTokens, sessions, cutoff);
        return new PurgedTokens(accessTokens, sessions);
    }
}
