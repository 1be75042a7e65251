namespace CleanAuth.Domain.Tokens;

/// <summary>
/// One signed-in session: the chain of refresh tokens that began with one sign-in through one
/// client. It lives at most its lifetime from that sign-in; rotating its refresh token does not
/// extend it. Revoking the family ends the session, its access tokens included.
/// </summary>
public sealed class RefreshTokenFamily
{
    private RefreshTokenFamily(Guid id, Guid clientId, Guid userId, DateTimeOffset createdAt, DateTimeOffset expiresAt)
    {
        Id = id;
        ClientId = clientId;
        UserId = userId;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    public Guid Id { get; private set; }

    public Guid ClientId { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>The sign-in that started the session.</summary>
    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static RefreshTokenFamily Start(Guid clientId, Guid userId, DateTimeOffset now, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "A session must last a while.");
        }

        return new RefreshTokenFamily(Guid.CreateVersion7(now), clientId, userId, now, now + lifetime);
    }

    public TokenStatus StatusAt(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            return TokenStatus.Revoked;
        }

        return now >= ExpiresAt ? TokenStatus.Expired : TokenStatus.Usable;
    }

    /// <summary>Ends the session; revoking twice keeps the first moment.</summary>
    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;
}
