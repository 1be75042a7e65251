namespace CleanAuth.Infrastructure.Security;

/// <summary>Bound from the <c>Secrets</c> configuration section.</summary>
public sealed class SecretHashingOptions
{
    public const string SectionName = "Secrets";

    /// <summary>
    /// Optional server-side key mixed into every stored hash (HMAC-SHA-256), kept outside the
    /// database so that a stolen copy of the database alone cannot even test guesses. Changing
    /// it invalidates every client secret and token hash, so set it once, before first use.
    /// </summary>
    public string? Pepper { get; set; }
}
