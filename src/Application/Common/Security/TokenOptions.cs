namespace CleanAuth.Application.Common.Security;

/// <summary>Token lifetimes, bound from the <c>Tokens</c> configuration section.</summary>
public sealed class TokenOptions
{
    public const string SectionName = "Tokens";

    /// <summary>Lifetime of a client token (client-credentials grant).</summary>
    public TimeSpan ClientTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Lifetime of a user access token (password grant).</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a refresh-token family lives from sign-in at most.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);
}
