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

/// <summary>An access token as handed to an app, with its lifetime for <c>expires_in</c>.</summary>
public sealed record IssuedAccessToken(string AccessToken, TimeSpan Lifetime, Guid TokenId)
{
    public override string ToString() => $"{nameof(IssuedAccessToken)} {{ TokenId = {TokenId} }}";
}

/// <summary>
/// The outcome of a token request: a token, or one of the standard errors. Failures are values,
/// not exceptions: a wrong secret is an everyday event, not a fault.
/// </summary>
public sealed record TokenGrantResult
{
    private TokenGrantResult(IssuedAccessToken? token, TokenError? error, string? errorDescription)
    {
        Token = token;
        Error = error;
        ErrorDescription = errorDescription;
    }

    public IssuedAccessToken? Token { get; }

    public TokenError? Error { get; }

    /// <summary>Safe to show the caller: it never says which credential was wrong.</summary>
    public string? ErrorDescription { get; }

    public bool Succeeded => Token is not null;

    public static TokenGrantResult Success(IssuedAccessToken token) => new(token, null, null);

    public static TokenGrantResult Failure(TokenError error, string description) => new(null, error, description);

    public static TokenGrantResult InvalidClient() =>
        Failure(TokenError.InvalidClient, "Client authentication failed.");

    public static TokenGrantResult GrantNotAllowed() =>
        Failure(TokenError.UnauthorizedClient, "This client is not allowed to use this grant type.");
}
