namespace CleanAuth.Application.Common.Security;

/// <summary>What a token's client must still be for the token to count.</summary>
public readonly record struct CachedClient(
    string ClientKey,
    bool IsActive,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? TokensRevokedAt)
{
    public bool AcceptsTokenIssuedAt(DateTimeOffset issuedAt, DateTimeOffset now) =>
        IsActive && !(ExpiresAt <= now) && !(issuedAt <= TokensRevokedAt);
}

/// <summary>What a token's user must still be for the token to count.</summary>
public readonly record struct CachedUser(bool IsActive, DateTimeOffset? TokensRevokedAt)
{
    public bool AcceptsTokenIssuedAt(DateTimeOffset issuedAt) => IsActive && !(issuedAt <= TokensRevokedAt);
}

/// <summary>
/// One consistent view of everything that can end a token early: revoked tokens and sessions
/// (kept only until those tokens would have expired anyway), every client, and every user.
/// </summary>
public interface ITokenStateSnapshot
{
    bool IsTokenRevoked(Guid tokenId);

    bool IsSessionRevoked(Guid sessionId);

    bool TryGetClient(Guid clientId, out CachedClient client);

    bool TryGetUser(Guid userId, out CachedUser user);
}

/// <summary>
/// The in-process token state that lets a token be validated without a database round trip.
/// Every instance keeps it current from the database's change notifications.
/// </summary>
public interface ITokenStateCache
{
    /// <summary>
    /// The current state, or <c>false</c> while this instance cannot be sure it is current (not
    /// yet loaded, or its notification channel is down): callers then ask the database. It fails
    /// closed, never open.
    /// </summary>
    bool TryGetCurrent(out ITokenStateSnapshot snapshot);

    /// <summary>
    /// Returns once every change committed before the call has reached this instance's state, so
    /// that a request that revoked something sees its own revocation at once.
    /// </summary>
    Task SyncAsync(CancellationToken cancellationToken);
}
