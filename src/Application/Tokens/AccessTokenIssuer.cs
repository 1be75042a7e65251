using CleanAuth.Application.Common.Persistence;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Clients;
using CleanAuth.Domain.Tokens;
using Microsoft.Extensions.Options;

namespace CleanAuth.Application.Tokens;

/// <summary>
/// Creates an access token for an authenticated client (and user), and records its hash and
/// state in one save together with the client's last-used time.
/// </summary>
public sealed class AccessTokenIssuer(
    IApplicationDbContext db,
    IAccessTokenProtector tokenProtector,
    ISecretHasher secretHasher,
    TimeProvider timeProvider,
    IOptions<TokenOptions> tokenOptions)
{
    public async Task<IssuedAccessToken> IssueAsync(ApiClient client, Guid? userId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var lifetime = userId is null
            ? tokenOptions.Value.ClientTokenLifetime
            : tokenOptions.Value.AccessTokenLifetime;
        var content = new AccessTokenContent(Guid.CreateVersion7(now), client.Id, userId, now, now + lifetime);

        var tokenText = tokenProtector.Protect(content);

        db.AccessTokens.Add(AccessToken.Issue(
            content.TokenId,
            client.Id,
            userId,
            secretHasher.Hash(tokenText),
            content.IssuedAt,
            content.ExpiresAt));
        client.RecordTokenIssued(now);
        await db.SaveChangesAsync(cancellationToken);

        return new IssuedAccessToken(tokenText, lifetime, content.TokenId);
    }
}
