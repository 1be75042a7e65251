using CleanAuth.Application.Common.Persistence;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Clients;
using CleanAuth.Domain.Tokens;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Tokens;

/// <summary>
/// Creates tokens for an authenticated client (and user) and records their hashes and state,
/// together with the client's last-used time, in one save.
/// </summary>
public sealed class TokenIssuer(
    IApplicationDbContext db,
    IAccessTokenProtector tokenProtector,
    ICredentialGenerator credentialGenerator,
    ISecretHasher secretHasher,
    TimeProvider timeProvider,
    IOptions<TokenOptions> tokenOptions)
{
    /// <summary>A client token: proves the app, has no refresh token.</summary>
    public async Task<IssuedTokens> IssueClientTokenAsync(ApiClient client, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var lifetime = tokenOptions.Value.ClientTokenLifetime;
        var (accessToken, tokenId) = AddAccessToken(client, userId: null, familyId: null, now, now + lifetime);

        client.RecordTokenIssued(now);
        await db.SaveChangesAsync(cancellationToken);

        return new IssuedTokens(accessToken, lifetime, tokenId, RefreshToken: null);
    }

    /// <summary>A sign-in: starts a session (refresh-token family) and issues its first tokens.</summary>
    public async Task<IssuedTokens> StartSessionAsync(
        ApiClient client,
        Guid userId,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var family = RefreshTokenFamily.Start(client.Id, userId, now, tokenOptions.Value.RefreshTokenLifetime);
        db.RefreshTokenFamilies.Add(family);

        var tokens = AddSessionTokens(client, family, now);
        client.RecordTokenIssued(now);
        await db.SaveChangesAsync(cancellationToken);

        return tokens;
    }

    /// <summary>
    /// A refresh: adds the session's next tokens. The caller has already claimed the refresh
    /// token that was used, and saves inside its own transaction.
    /// </summary>
    public IssuedTokens ContinueSession(ApiClient client, RefreshTokenFamily family)
    {
        var now = timeProvider.GetUtcNow();
        client.RecordTokenIssued(now);
        return AddSessionTokens(client, family, now);
    }

    private IssuedTokens AddSessionTokens(ApiClient client, RefreshTokenFamily family, DateTimeOffset now)
    {
        // An access token never outlives the session it belongs to.
        var expiresAt = now + tokenOptions.Value.AccessTokenLifetime;
        if (expiresAt > family.ExpiresAt)
        {
            expiresAt = family.ExpiresAt;
        }

        var (accessToken, tokenId) = AddAccessToken(client, family.UserId, family.Id, now, expiresAt);

        var refreshToken = credentialGenerator.NewRefreshToken();
        db.RefreshTokens.Add(RefreshToken.Issue(family.Id, secretHasher.Hash(refreshToken), now));

        return new IssuedTokens(accessToken, expiresAt - now, tokenId, refreshToken);
    }

    private (string Text, Guid Id) AddAccessToken(
        ApiClient client,
        Guid? userId,
        Guid? familyId,
        DateTimeOffset now,
        DateTimeOffset expiresAt)
    {
        var content = new AccessTokenContent(Guid.CreateVersion7(now), client.Id, userId, familyId, now, expiresAt);
        var text = tokenProtector.Protect(content);

        db.AccessTokens.Add(AccessToken.Issue(
            content.TokenId,
            client.Id,
            userId,
            familyId,
            secretHasher.Hash(text),
            content.IssuedAt,
            content.ExpiresAt));

        return (text, content.TokenId);
    }
}
