using CleanAuth.Domain.Clients;

namespace CleanAuth.Application.Clients;

/// <summary>What may be shown about a client. It has no secret or secret hash, by construction.</summary>
public sealed record ClientSummary(
    string ClientId,
    string Name,
    ClientPlatform Platform,
    GrantTypes AllowedGrants,
    bool IsActive,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? PreviousSecretExpiresAt);
