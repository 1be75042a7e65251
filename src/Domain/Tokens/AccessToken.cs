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
        Guid? familyId,
        byte[] tokenHash,
        DateTimeOffset issuedAt,
        DateTimeOffset expiresAt)
    {
        Id = id;
        ClientId = clientId;
        UserId = userId;
        FamilyId = familyId;
        TokenHash = tokenHash;
        IssuedAt = issuedAt;
        ExpiresAt = expiresAt;
        Kind = userId is null ? TokenKind.Client : TokenKind.User;
    }

    public Guid Id { get; private set; }

    public Guid ClientId { get; private set; }

    /// <summary>The signed-in user, for user tokens; <c>null</c> for client tokens.</summary>
    public Guid? UserId { get; private set; }

    /// <summary>The session (refresh-token family) a user token belongs to.</summary>
    public Guid? FamilyId { get; private set; }

    public TokenKind Kind { get; private set; }

    public byte[] TokenHash { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static AccessToken Issue(
        Guid id,
        Guid clientId,
        Guid? userId,
        Guid? familyId,
        byte[] tokenHash,
        DateTimeOffset issuedAt,
        DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);

        if (expiresAt <= issuedAt)
        {
            throw new ArgumentException("A token must expire after it is issued.", nameof(expiresAt));
        }

        if (familyId is not null && userId is null)
        {
            throw new ArgumentException("Only user tokens belong to a session.", nameof(familyId));
        }

        return new AccessToken(id, clientId, userId, familyId, tokenHash, issuedAt, expiresAt);
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
