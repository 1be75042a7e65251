namespace CleanAuth.Domain.Clients;

/// <summary>
/// One registered app build ("Android 5.2", "Partner billing server") that may call the API.
/// Apps prove themselves with <see cref="ClientKey"/> and a secret of which only a hash is kept.
/// </summary>
public sealed class ApiClient
{
    /// <summary>
    /// How stale <see cref="LastUsedAt"/> may get before a token issue writes it again. The field
    /// answers "is this build still in use?", which needs no more precision than this, and a
    /// coarser write keeps a burst of token requests from rewriting one row over and over.
    /// </summary>
    public static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    private ApiClient(
        Guid id,
        string name,
        ClientPlatform platform,
        string clientKey,
        byte[] secretHash,
        GrantTypes allowedGrants,
        DateTimeOffset? expiresAt,
        DateTimeOffset createdAt)
    {
        Id = id;
        Name = name;
        Platform = platform;
        ClientKey = clientKey;
        SecretHash = secretHash;
        AllowedGrants = allowedGrants;
        ExpiresAt = expiresAt;
        CreatedAt = createdAt;
        IsActive = true;
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    public ClientPlatform Platform { get; private set; }

    /// <summary>The public identifier apps send as <c>client_id</c>.</summary>
    public string ClientKey { get; private set; }

    public byte[] SecretHash { get; private set; }

    /// <summary>The secret before the last rotation, accepted until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public byte[]? PreviousSecretHash { get; private set; }

    public DateTimeOffset? PreviousSecretExpiresAt { get; private set; }

    public GrantTypes AllowedGrants { get; private set; }

    public bool IsActive { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the client last obtained a token, to within <see cref="LastUsedPrecision"/>.</summary>
    public DateTimeOffset? LastUsedAt { get; private set; }

    /// <summary>
    /// Tokens issued at or before this moment are dead. Deactivation sets it, so switching a client
    /// back on lets it obtain new tokens without reviving the ones that were cut off.
    /// </summary>
    public DateTimeOffset? TokensRevokedAt { get; private set; }

    public static ApiClient Register(
        string name,
        ClientPlatform platform,
        string clientKey,
        byte[] secretHash,
        GrantTypes allowedGrants,
        DateTimeOffset? expiresAt,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientKey);
        ArgumentNullException.ThrowIfNull(secretHash);

        if (allowedGrants == GrantTypes.None)
        {
            throw new ArgumentException("A client must be allowed at least one grant type.", nameof(allowedGrants));
        }

        return new ApiClient(
            Guid.CreateVersion7(now),
            name,
            platform,
            clientKey,
            secretHash,
            allowedGrants,
            expiresAt,
            now);
    }

    public ClientStatus StatusAt(DateTimeOffset now)
    {
        if (!IsActive)
        {
            return ClientStatus.Deactivated;
        }

        return ExpiresAt <= now ? ClientStatus.Expired : ClientStatus.Usable;
    }

    public bool CanAuthenticateAt(DateTimeOffset now) => StatusAt(now) == ClientStatus.Usable;

    public bool Allows(GrantTypes grant) => grant != GrantTypes.None && (AllowedGrants & grant) == grant;

    /// <summary>Whether a token this client obtained at <paramref name="issuedAt"/> still counts.</summary>
    public bool AcceptsTokenIssuedAt(DateTimeOffset issuedAt, DateTimeOffset now) =>
        CanAuthenticateAt(now) && (TokensRevokedAt is null || issuedAt > TokensRevokedAt);

    /// <summary>Notes that the client obtained a token; returns whether anything changed.</summary>
    public bool RecordTokenIssued(DateTimeOffset now)
    {
        if (LastUsedAt is { } lastUsed && now - lastUsed < LastUsedPrecision)
        {
            return false;
        }

        LastUsedAt = now;
        return true;
    }

    /// <summary>The previous secret's hash while its grace period lasts; <c>null</c> after it.</summary>
    public byte[]? PreviousSecretHashAt(DateTimeOffset now) =>
        PreviousSecretExpiresAt > now ? PreviousSecretHash : null;

    /// <summary>
    /// Replaces the secret. The previous one keeps working for <paramref name="grace"/>, so that
    /// shipped app builds keep working while a build with the new secret rolls out.
    /// </summary>
    public void RotateSecret(byte[] newSecretHash, TimeSpan grace, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(newSecretHash);

        if (grace < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(grace), grace, "A grace period cannot be negative.");
        }

        PreviousSecretHash = grace > TimeSpan.Zero ? SecretHash : null;
        PreviousSecretExpiresAt = grace > TimeSpan.Zero ? now + grace : null;
        SecretHash = newSecretHash;
    }

    /// <summary>
    /// Changes what the client is and may do. Moving the expiry of an already expired client does
    /// not revive the tokens that ended with it.
    /// </summary>
    public void Update(
        string? name,
        GrantTypes? allowedGrants,
        DateTimeOffset? expiresAt,
        bool clearExpiry,
        DateTimeOffset now)
    {
        if (StatusAt(now) == ClientStatus.Expired)
        {
            TokensRevokedAt = now;
        }

        if (!string.IsNullOrWhiteSpace(name))
        {
            Name = name.Trim();
        }

        if (allowedGrants is { } grants)
        {
            if (grants == GrantTypes.None)
            {
                throw new ArgumentException("A client must be allowed at least one grant type.", nameof(allowedGrants));
            }

            AllowedGrants = grants;
        }

        if (clearExpiry)
        {
            ExpiresAt = null;
        }
        else if (expiresAt is not null)
        {
            ExpiresAt = expiresAt;
        }
    }

    public void Deactivate(DateTimeOffset now)
    {
        if (!IsActive)
        {
            return;
        }

        IsActive = false;
        TokensRevokedAt = now;
    }

    public void Activate() => IsActive = true;
}
