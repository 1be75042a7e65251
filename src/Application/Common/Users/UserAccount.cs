namespace CleanAuth.Application.Common.Users;

/// <summary>A user as the use cases see one: identifiers and state, never a password hash.</summary>
public sealed record UserAccount(
    Guid Id,
    string UserName,
    DateTimeOffset CreatedAt,
    bool IsActive,
    DateTimeOffset? TokensRevokedAt,
    DateTimeOffset? LockedOutUntil)
{
    /// <summary>
    /// Whether a token issued to this user at <paramref name="issuedAt"/> still counts: the user
    /// is active and has not signed out everywhere (or been reset) since.
    /// </summary>
    public bool AcceptsTokenIssuedAt(DateTimeOffset issuedAt) =>
        IsActive && (TokensRevokedAt is null || issuedAt > TokensRevokedAt);
}
