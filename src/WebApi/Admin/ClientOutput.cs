using System.Text.Json;
using System.Text.Json.Serialization;
using CleanAuth.Application.Clients;
using CleanAuth.Domain.Clients;

namespace CleanAuth.WebApi.Admin;

/// <summary>A client as the admin verbs print it, with the OAuth names (<c>client_id</c>).</summary>
internal sealed record ClientOutput(
    string ClientId,
    string Name,
    string Platform,
    IReadOnlyList<string> GrantTypes,
    bool Active,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? PreviousSecretExpiresAt)
{
    public static ClientOutput From(ClientSummary client) => new(
        client.ClientId,
        client.Name,
        client.Platform.ToString().ToLowerInvariant(),
        GrantNames.Format(client.AllowedGrants),
        client.IsActive,
        client.ExpiresAt,
        client.CreatedAt,
        client.LastUsedAt,
        client.PreviousSecretExpiresAt);
}

/// <summary>A newly created client with the secret, shown this once.</summary>
internal sealed record CreatedClientOutput(
    string ClientId,
    string ClientSecret,
    string Name,
    string Platform,
    IReadOnlyList<string> GrantTypes,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset CreatedAt)
{
    public override string ToString() => $"{nameof(CreatedClientOutput)} {{ ClientId = {ClientId} }}";
}

/// <summary>A rotated secret, shown this once.</summary>
internal sealed record RotatedSecretOutput(
    string ClientId,
    string ClientSecret,
    DateTimeOffset? PreviousSecretExpiresAt)
{
    public override string ToString() => $"{nameof(RotatedSecretOutput)} {{ ClientId = {ClientId} }}";
}

internal static class GrantNames
{
    private static readonly (GrantTypes Grant, string Name)[] Names =
    [
        (GrantTypes.ClientCredentials, "client_credentials"),
        (GrantTypes.Password, "password"),
    ];

    public static IReadOnlyList<string> Format(GrantTypes grants) =>
        [.. Names.Where(n => (grants & n.Grant) == n.Grant).Select(n => n.Name)];

    public static bool TryParse(string text, out GrantTypes grants)
    {
        grants = GrantTypes.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Names.FirstOrDefault(n => n.Name.Equals(part, StringComparison.OrdinalIgnoreCase));
            if (match.Grant == GrantTypes.None)
            {
                return false;
            }

            grants |= match.Grant;
        }

        return grants != GrantTypes.None;
    }
}

internal static class AdminJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
