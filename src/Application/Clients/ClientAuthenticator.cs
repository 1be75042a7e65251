using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Persistence;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.Tokens;
using CleanAuth.Domain.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Clients;

/// <summary>
/// Decides whether presented client credentials belong to a client that may authenticate now.
/// Every failure looks the same to the caller; the log gets the reason.
/// </summary>
public sealed class ClientAuthenticator(
    IApplicationDbContext db,
    ISecretHasher secretHasher,
    TimeProvider timeProvider,
    ILogger<ClientAuthenticator> logger)
{
    /// <summary>Returns the tracked client, or <c>null</c> when authentication fails.</summary>
    public async Task<ApiClient?> AuthenticateAsync(ClientCredentials credentials, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients
            .SingleOrDefaultAsync(c => c.ClientKey == credentials.ClientKey, cancellationToken);

        // Verify even when the key is unknown: an early exit would tell an attacker which keys exist.
        var now = timeProvider.GetUtcNow();
        var secretMatches = secretHasher.Verify(
            credentials.ClientSecret,
            client?.SecretHash,
            client?.PreviousSecretHashAt(now));

        if (client is null)
        {
            var presentedKey = LogValues.PresentedClientKey(credentials.ClientKey);
            logger.ClientAuthenticationFailed(presentedKey, "unknown client key");
            return null;
        }

        if (!secretMatches)
        {
            logger.ClientAuthenticationFailed(client.ClientKey, "wrong secret");
            return null;
        }

        var status = client.StatusAt(now);
        if (status != ClientStatus.Usable)
        {
            logger.ClientAuthenticationFailed(
                client.ClientKey,
                status == ClientStatus.Expired ? "expired" : "deactivated");
            return null;
        }

        return client;
    }

    /// <summary>
    /// Authenticates the client and checks that it may use <paramref name="grant"/>. On failure the
    /// client is <c>null</c> and the refusal is the token endpoint's answer.
    /// </summary>
    public async Task<(ApiClient? Client, TokenGrantResult? Refusal)> AuthenticateForGrantAsync(
        ClientCredentials credentials,
        GrantTypes grant,
        CancellationToken cancellationToken)
    {
        var client = await AuthenticateAsync(credentials, cancellationToken);
        if (client is null)
        {
            return (null, TokenGrantResult.InvalidClient());
        }

        if (!client.Allows(grant))
        {
            logger.GrantNotAllowed(client.ClientKey, grant);
            return (null, TokenGrantResult.GrantNotAllowed());
        }

        return (client, null);
    }
}
