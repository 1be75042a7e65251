using CleanAuth.Application.Clients;
using CleanAuth.Application.Common.Persistence;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.Common.Users;
using CleanAuth.Application.Tokens.ValidateToken;
using CleanAuth.Domain.Tokens;
using Mediator;

namespace CleanAuth.Application.Tokens.IntrospectToken;

/// <summary>What introspection may tell about an active token (RFC 7662 §2.2).</summary>
public sealed record TokenIntrospection(
    string ClientId,
    string? Username,
    Guid? Subject,
    string TokenType,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);

/// <summary><see cref="Active"/> is <c>null</c> for any token that cannot be used by this client now.</summary>
public sealed record IntrospectionResult(bool ClientAuthenticated, TokenIntrospection? Active);

/// <summary>
/// RFC 7662 introspection: an authenticated client asks whether one of its own tokens is active.
/// Tokens of other clients are reported inactive, like every unusable token, with nothing else.
/// </summary>
public sealed record IntrospectToken(ClientCredentials Client, string Token, string? TokenTypeHint)
    : IQuery<IntrospectionResult>
{
    public override string ToString() => $"{nameof(IntrospectToken)} {{ Client = {Client} }}";
}

public sealed class IntrospectTokenHandler(
    ClientAuthenticator clientAuthenticator,
    AccessTokenValidator accessTokenValidator,
    IApplicationDbContext db,
    ISecretHasher secretHasher,
    IUserAccounts userAccounts,
    TimeProvider timeProvider) : IQueryHandler<IntrospectToken, IntrospectionResult>
{
    private const string RefreshTokenType = "refresh_token";

    public async ValueTask<IntrospectionResult> Handle(IntrospectToken query, CancellationToken cancellationToken)
    {
        var client = await clientAuthenticator.AuthenticateAsync(query.Client, cancellationToken);
        if (client is null)
        {
            return new IntrospectionResult(ClientAuthenticated: false, Active: null);
        }

        var refreshFirst = query.TokenTypeHint == RefreshTokenType;
        var active = refreshFirst
            ? await IntrospectRefreshTokenAsync(client.Id, client.ClientKey, query.Token, cancellationToken)
              ?? await IntrospectAccessTokenAsync(client.Id, query.Token, cancellationToken)
            : await IntrospectAccessTokenAsync(client.Id, query.Token, cancellationToken)
              ?? await IntrospectRefreshTokenAsync(client.Id, client.ClientKey, query.Token, cancellationToken);

        return new IntrospectionResult(ClientAuthenticated: true, active);
    }

    private async Task<TokenIntrospection?> IntrospectAccessTokenAsync(
        Guid clientId,
        string token,
        CancellationToken cancellationToken)
    {
        var validation = await accessTokenValidator.ValidateAsync(token, cancellationToken);
        if (validation.Caller is not { } caller || caller.ClientId != clientId)
        {
            return null;
        }

        var user = caller.UserId is { } userId ? await userAccounts.FindAsync(userId, cancellationToken) : null;
        return new TokenIntrospection(
            caller.ClientKey,
            user?.UserName,
            caller.UserId,
            "Bearer",
            caller.IssuedAt,
            caller.ExpiresAt);
    }

    private async Task<TokenIntrospection?> IntrospectRefreshTokenAsync(
        Guid clientId,
        string clientKey,
        string token,
        CancellationToken cancellationToken)
    {
        var stored = await db.FindRefreshTokenAsync(secretHasher, token, cancellationToken);
        if (stored is null || stored.Family.ClientId != clientId || stored.Token.IsUsed)
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var client = await db.ApiClients.FindAsync([clientId], cancellationToken);
        var user = await userAccounts.FindAsync(stored.Family.UserId, cancellationToken);
        var usable = stored.Family.StatusAt(now) == TokenStatus.Usable
            && client is not null
            && client.AcceptsTokenIssuedAt(stored.Family.CreatedAt, now)
            && user is not null
            && user.AcceptsTokenIssuedAt(stored.Family.CreatedAt);
        if (!usable)
        {
            return null;
        }

        return new TokenIntrospection(
            clientKey,
            user!.UserName,
            user.Id,
            RefreshTokenType,
            stored.Token.IssuedAt,
            stored.Family.ExpiresAt);
    }
}
