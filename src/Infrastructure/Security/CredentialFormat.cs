namespace CleanAuth.Infrastructure.Security;

/// <summary>
/// Prefixes that make each kind of credential recognisable in logs, support tickets and secret
/// scanners, and random sizes that put guessing out of reach.
/// </summary>
internal static class CredentialFormat
{
    public const string ClientKeyPrefix = "ca_ck_";
    public const string ClientSecretPrefix = "ca_cs_";
    public const string AccessTokenPrefix = "ca_at_";
    public const string RefreshTokenPrefix = "ca_rt_";

    /// <summary>128 bits: a key is public, it only has to be unique and unguessable as a name.</summary>
    public const int ClientKeyBytes = 16;

    /// <summary>256 bits from a CSPRNG, which is why a fast hash is the right way to store it.</summary>
    public const int ClientSecretBytes = 32;

    /// <summary>256 bits: a refresh token is a bearer credential that lasts for weeks.</summary>
    public const int RefreshTokenBytes = 32;

    /// <summary>About 120 bits, in letters and digits a person can read out and type.</summary>
    public const int OneTimePasswordLength = 24;
}
