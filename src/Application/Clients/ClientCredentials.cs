namespace CleanAuth.Application.Clients;

/// <summary>A client key and secret as an app presented them.</summary>
public sealed record ClientCredentials(string ClientKey, string ClientSecret)
{
    /// <summary>Longest key or secret worth hashing; anything longer is refused before any work.</summary>
    public const int MaxLength = 256;

    // The generated ToString would print the secret into any log or debugger view.
    public override string ToString() => $"{nameof(ClientCredentials)} {{ ClientKey = {ClientKey} }}";
}
