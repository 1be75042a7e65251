using CleanAuth.Application.Clients;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Persistence;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.Common.Users;
using CleanAuth.Application.Sessions;
using CleanAuth.Domain.Clients;
using CleanAuth.Domain.Tokens;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Tokens.RefreshAccessToken;

/// <summary>
/// The refresh-token grant (RFC 6749 §6): trades a refresh token, once, for the session's next
/// access token and refresh token. A refresh token presented a second time means a copy exists
/// somewhere else, so the whole session ends (OAuth 2.0 Security BCP, RFC 9700 §4.14.2).
/// </summary>
public sealed record RefreshAccessToken(ClientCredentials Client, string RefreshToken)
    : ICommand<TokenGrantResult>, IChangesTokenState
{
    public override string ToString() => $"{nameof(RefreshAccessToken)} {{ Client = {Client} }}";
}

public sealed class RefreshAccessTokenHandler(
    ClientAuthenticator clientAuthenticator,
    IApplicationDbContext db,
    ISecretHasher secretHasher,
    IUserAccounts userAccounts,
    TokenIssuer tokenIssuer,
    SessionRevoker sessionRevoker,
    TimeProvider timeProvider,
    ILogger<RefreshAccessTokenHandler> logger) : ICommandHandler<RefreshAccessToken, TokenGrantResult>
{
    public async ValueTask<TokenGrantResult> Handle(RefreshAccessToken command, CancellationToken cancellationToken)
    {
        // Refresh tokens come from signing users in, so refreshing belongs to the same grant.
        var (client, refusal) = await clientAuthenticator.AuthenticateForGrantAsync(
            command.Client,
            GrantTypes.Password,
            cancellationToken);
        if (client is null)
        {
            return refusal!;
        }

        var stored = await db.FindRefreshTokenAsync(secretHasher, command.RefreshToken, cancellationToken);
        if (stored is null)
        {
            logger.RefreshRejected(client.ClientKey, sessionId: null, "unknown refresh token");
            return TokenGrantResult.InvalidRefreshToken();
        }

        var (token, session) = (stored.Token, stored.Family);

        // A refresh token works only for the client it was issued to; another client's attempt
        // changes nothing (it may be a probe with a stolen token, not the session's fault).
        if (session.ClientId != client.Id)
        {
            logger.RefreshRejected(client.ClientKey, session.Id, "refresh token of another client");
            return TokenGrantResult.InvalidRefreshToken();
        }

        if (token.IsUsed)
        {
            return await EndReusedSessionAsync(client, session, cancellationToken);
        }

        var rejection = await WhyUnusableAsync(client, session, cancellationToken);
        if (rejection is not null)
        {
            logger.RefreshRejected(client.ClientKey, session.Id, rejection);
            return TokenGrantResult.InvalidRefreshToken();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Claim the token in the database: of two requests racing with one token, exactly one wins.
        var now = timeProvider.GetUtcNow();
        var claimed = await db.RefreshTokens
            .Where(t => t.Id == token.Id && t.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.UsedAt, now), cancellationToken);
        if (claimed == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return await EndReusedSessionAsync(client, session, cancellationToken);
        }

        var tokens = tokenIssuer.ContinueSession(client, session);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        logger.UserTokenIssued(tokens.TokenId, session.UserId, client.ClientKey);
        return TokenGrantResult.Success(tokens);
    }

    private async Task<string?> WhyUnusableAsync(
        ApiClient client,
        RefreshTokenFamily session,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        switch (session.StatusAt(now))
        {
            case TokenStatus.Revoked:
                return "session revoked";
            case TokenStatus.Expired:
                return "session expired";
        }

        if (!client.AcceptsTokenIssuedAt(session.CreatedAt, now))
        {
            return "session started before the client was deactivated";
        }

        var user = await userAccounts.FindAsync(session.UserId, cancellationToken);
        if (user is null || !user.AcceptsTokenIssuedAt(session.CreatedAt))
        {
            return "user deleted, deactivated or signed out";
        }

        return null;
    }

    private async Task<TokenGrantResult> EndReusedSessionAsync(
        ApiClient client,
        RefreshTokenFamily session,
        CancellationToken cancellationToken)
    {
        await sessionRevoker.RevokeSessionAsync(session.Id, cancellationToken);
        logger.RefreshTokenReused(client.ClientKey, session.Id, session.UserId);
        return TokenGrantResult.InvalidRefreshToken();
    }
}
