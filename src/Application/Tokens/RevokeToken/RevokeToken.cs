using CleanAuth.Application.Clients;
using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Persistence;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.Sessions;
using CleanAuth.Domain.Clients;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Tokens.RevokeToken;

/// <summary>
/// RFC 7009 revocation: a client revokes one of its own access or refresh tokens. Revoking a
/// refresh token ends its whole session. Unknown, foreign and already revoked tokens are
/// accepted silently (§2.2), so the answer tells nothing about other clients' tokens.
/// </summary>
public sealed record RevokeToken(ClientCredentials Client, string Token, string? TokenTypeHint)
    : ICommand<bool>, IChangesTokenState
{
    public override string ToString() => $"{nameof(RevokeToken)} {{ Client = {Client} }}";
}

/// <summary>Returns <c>false</c> only when client authentication failed.</summary>
public sealed class RevokeTokenHandler(
    ClientAuthenticator clientAuthenticator,
    IApplicationDbContext db,
    IAccessTokenProtector tokenProtector,
    ISecretHasher secretHasher,
    SessionRevoker sessionRevoker,
    TimeProvider timeProvider,
    ILogger<RevokeTokenHandler> logger) : ICommandHandler<RevokeToken, bool>
{
    public async ValueTask<bool> Handle(RevokeToken command, CancellationToken cancellationToken)
    {
        var client = await clientAuthenticator.AuthenticateAsync(command.Client, cancellationToken);
        if (client is null)
        {
            return false;
        }

        // The hint says which kind to try first (§2.1); the other kind is tried when it misses.
        var refreshFirst = command.TokenTypeHint == "refresh_token";
        var found = refreshFirst
            ? await TryRevokeRefreshTokenAsync(client, command.Token, cancellationToken)
            : await TryRevokeAccessTokenAsync(client, command.Token, cancellationToken);
        if (!found)
        {
            _ = refreshFirst
                ? await TryRevokeAccessTokenAsync(client, command.Token, cancellationToken)
                : await TryRevokeRefreshTokenAsync(client, command.Token, cancellationToken);
        }

        return true;
    }

    private async Task<bool> TryRevokeAccessTokenAsync(
        ApiClient client,
        string token,
        CancellationToken cancellationToken)
    {
        if (!tokenProtector.TryUnprotect(token, out var content) || content is null)
        {
            return false;
        }

        if (content.ClientId == client.Id)
        {
            var now = timeProvider.GetUtcNow();
            await db.AccessTokens
                .Where(t => t.Id == content.TokenId && t.ClientId == client.Id && t.RevokedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
            logger.TokenRevoked(client.ClientKey, "access token", content.TokenId);
        }

        return true;
    }

    private async Task<bool> TryRevokeRefreshTokenAsync(
        ApiClient client,
        string token,
        CancellationToken cancellationToken)
    {
        var stored = await db.FindRefreshTokenAsync(secretHasher, token, cancellationToken);
        if (stored is null)
        {
            return false;
        }

        if (stored.Family.ClientId == client.Id)
        {
            await sessionRevoker.RevokeSessionAsync(stored.Family.Id, cancellationToken);
            logger.TokenRevoked(client.ClientKey, "refresh token and its session", stored.Family.Id);
        }

        return true;
    }
}
