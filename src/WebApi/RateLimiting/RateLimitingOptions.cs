namespace CleanAuth.WebApi.RateLimiting;

/// <summary>At most <see cref="PermitLimit"/> events in each fixed <see cref="Window"/>.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    internal bool IsValid => PermitLimit > 0 && Window > TimeSpan.Zero;
}

/// <summary>
/// Bound from the <c>RateLimiting</c> configuration section. Addresses are the caller's as the
/// forwarded-headers middleware established them: a proxy's <c>X-Forwarded-For</c> counts only
/// when the proxy is listed under <c>ReverseProxy</c>.
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>
    /// Switches the per-address request limits and the failed-secret throttle on or off. Per-user
    /// lockout after wrong passwords is not a rate limit and stays on either way.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Requests per client address to any <c>/oauth</c> endpoint. Generous, because a carrier's
    /// NAT can put thousands of phones behind one address; it stops floods, not single users.
    /// </summary>
    public WindowLimit OAuth { get; set; } = new() { PermitLimit = 300, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Sign-ups (<c>POST /api/v1/users</c>) per client address.</summary>
    public WindowLimit SignUp { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(10) };

    /// <summary>
    /// Failed client authentications per (client key, client address). Once reached, that address
    /// gets 429 for that key without its secret being checked, while every other address keeps
    /// working: a flood from one address cannot lock out an app build shipped to many phones.
    /// </summary>
    public WindowLimit FailedClientSecrets { get; set; } =
        new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(15) };

    internal bool IsValid => OAuth.IsValid && SignUp.IsValid && FailedClientSecrets.IsValid;
}
