namespace CleanAuth.Application.Tokens;

/// <summary>The RFC 6749 §5.2 error codes a grant can end with.</summary>
public enum TokenError
{
    InvalidRequest,
    InvalidClient,
    InvalidGrant,
    UnauthorizedClient,
    UnsupportedGrantType,
}

/// <summary>
/// Tokens as handed to an app: the access token with its lifetime for <c>expires_in</c>, and for
/// user sessions the refresh token that continues them.
/// </summary>
public sealed record IssuedTokens(string AccessToken, TimeSpan Lifetime, Guid TokenId, string? RefreshToken)
{
    public override string ToString() => $"{nameof(IssuedTokens)} {{ TokenId = {TokenId} }}";
}

/// <summary>
/// The outcome of a token request: a token, or one of the standard errors. Failures are values,
/// not exceptions: a wrong secret is an everyday event, not a fault.
/// </summary>
public sealed record TokenGrantResult
{
    private TokenGrantResult(IssuedTokens? token, TokenError? error, string? errorDescription)
    {
        Token = token;
        Error = error;
        ErrorDescription = errorDescription;
    }

    public IssuedTokens? Token { get; }

    public TokenError? Error { get; }

    /// <summary>Safe to show the caller: it never says which credential was wrong.</summary>
    public string? ErrorDescription { get; }

    public bool Succeeded => Token is not null;

    public static TokenGrantResult Success(IssuedTokens token) => new(token, null, null);

    public static TokenGrantResult Failure(TokenError error, string description) => new(null, error, description);

    public static TokenGrantResult InvalidClient() =>
        Failure(TokenError.InvalidClient, "Client authentication failed.");

    /// <summary>One answer for every refresh token that cannot be used, whatever the reason.</summary>
    public static TokenGrantResult InvalidRefreshToken() =>
        Failure(TokenError.InvalidGrant, "The refresh token is invalid, expired or revoked; sign in again.");

    public static TokenGrantResult GrantNotAllowed() =>
        Failure(TokenError.UnauthorizedClient, "This client is not allowed to use this grant type.");
}
