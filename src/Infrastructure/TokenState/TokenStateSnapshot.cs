using System.Collections.Concurrent;
using CleanAuth.Application.Common.Security;

namespace CleanAuth.Infrastructure.TokenState;

/// <summary>
/// The in-process token state: small and complete. Clients and users are all here (a few dozen
/// bytes each); revoked tokens and sessions only until the tokens they end would have expired
/// anyway, so memory follows principals and recent revocations, not tokens issued.
/// </summary>
internal sealed class TokenStateSnapshot : ITokenStateSnapshot
{
    private readonly ConcurrentDictionary<Guid, CachedClient> _clients = new();
    private readonly ConcurrentDictionary<Guid, CachedUser> _users = new();

    // Value: when the entry may go (the revoked token's expiry; a session's last possible access token).
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _revokedTokens = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _revokedSessions = new();

    public int ClientCount => _clients.Count;

    public int UserCount => _users.Count;

    public int RevokedTokenCount => _revokedTokens.Count;

    public int RevokedSessionCount => _revokedSessions.Count;

    public bool IsTokenRevoked(Guid tokenId) => _revokedTokens.ContainsKey(tokenId);

    public bool IsSessionRevoked(Guid sessionId) => _revokedSessions.ContainsKey(sessionId);

    public bool TryGetClient(Guid clientId, out CachedClient client) => _clients.TryGetValue(clientId, out client);

    public bool TryGetUser(Guid userId, out CachedUser user) => _users.TryGetValue(userId, out user);

    public void SetClient(Guid clientId, CachedClient client) => _clients[clientId] = client;

    public void RemoveClient(Guid clientId) => _clients.TryRemove(clientId, out _);

    public void SetUser(Guid userId, CachedUser user) => _users[userId] = user;

    public void RemoveUser(Guid userId) => _users.TryRemove(userId, out _);

    public void RevokeToken(Guid tokenId, DateTimeOffset keepUntil) => _revokedTokens[tokenId] = keepUntil;

    public void RevokeSession(Guid sessionId, DateTimeOffset keepUntil) => _revokedSessions[sessionId] = keepUntil;

    /// <summary>Forgets revocations of tokens that have expired by now.</summary>
    public void Prune(DateTimeOffset now)
    {
        foreach (var (tokenId, keepUntil) in _revokedTokens)
        {
            if (keepUntil <= now)
            {
                _revokedTokens.TryRemove(tokenId, out _);
            }
        }

        foreach (var (sessionId, keepUntil) in _revokedSessions)
        {
            if (keepUntil <= now)
            {
                _revokedSessions.TryRemove(sessionId, out _);
            }
        }
    }
}
