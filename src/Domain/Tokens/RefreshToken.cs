namespace CleanAuth.Domain.Tokens;

/// <summary>
/// One refresh token of a session. It can be used once: using it hands out its successor, and
/// presenting it again means someone else holds a copy, which ends the whole session.
/// </summary>
public sealed class RefreshToken
{
    private RefreshToken(Guid id, Guid familyId, byte[] tokenHash, DateTimeOffset issuedAt)
    {
        Id = id;
        FamilyId = familyId;
        TokenHash = tokenHash;
        IssuedAt = issuedAt;
    }

    public Guid Id { get; private set; }

    public Guid FamilyId { get; private set; }

    /// <summary>A hash of the token text; the text itself is never stored.</summary>
    public byte[] TokenHash { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    /// <summary>When the token was traded for its successor; a used token is never accepted again.</summary>
    public DateTimeOffset? UsedAt { get; private set; }

    public bool IsUsed => UsedAt is not null;

    public static RefreshToken Issue(Guid familyId, byte[] tokenHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        return new RefreshToken(Guid.CreateVersion7(now), familyId, tokenHash, now);
    }
}
