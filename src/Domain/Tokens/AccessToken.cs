namespace CleanAuth.Domain.Tokens;

/// <summary>
/// The stored record of an issued access token. The token text itself is never kept: only a hash
/// of it, so a copy of the database yields no usable token.
/// </summary>
public sealed class AccessToken
{
    private AccessToken(
        Guid id,
        Guid clientId,
        Guid? userId,
        byte[] tokenHash,
        DateTimeOffset issuedAt,
        DateTimeOffset expiresAt)
    {
        Id = id;
        ClientId = clientId;
        UserId = userId;
        TokenHash = tokenHash;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        Kind = userId is null ? TokenKind.Client : TokenKind.User;
    }

    public Guid Id { get; private set; }

    public Guid ClientId { get; private set; }

    /// <summary>The signed-in user, for user tokens; <c>null</c> for client tokens.</summary>
    public Guid? UserId { get; private set; }

    public TokenKind Kind { get; private set; }

    public byte[] TokenHash { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static AccessToken Issue(
        Guid id,
        Guid clientId,
        Guid? userId,
        byte[] tokenHash,
        DateTimeOffset issuedAt,
        DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);

        if (expiresAt <= issuedAt)
        {
            throw new ArgumentException("A token must expire after it is issued.", nameof(expiresAt));
        }

        return new AccessToken(id, clientId, userId, tokenHash, issuedAt, expiresAt);
    }

    public TokenStatus StatusAt(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return TokenStatus.Revoked;
        }

        return now >= ExpiresAt ? TokenStatus.Expired : TokenStatus.Usable;
    }

    public bool IsUsableAt(DateTimeOffset now) => StatusAt(now) == TokenStatus.Usable;

    /// <summary>Revokes the token; revoking twice keeps the first moment.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
