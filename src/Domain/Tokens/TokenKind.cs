namespace CleanAuth.Domain.Tokens;

/// <summary>What an access token proves.</summary>
public enum TokenKind
{
    /// <summary>Proves the app only (client-credentials grant).</summary>
    Client = 1,

    /// <summary>Proves the app and a signed-in user bound to it (password grant).</summary>
    User = 2,
}
