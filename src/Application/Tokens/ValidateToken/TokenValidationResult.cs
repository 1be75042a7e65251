using CleanAuth.Domain.Tokens;

namespace CleanAuth.Application.Tokens.ValidateToken;

/// <summary>
/// Why a token was refused, as far as the caller may know: an expired token can be refreshed,
/// anything else needs a new sign-in.
/// </summary>
public enum TokenRejection
{
    Invalid,
    Expired,
}

/// <summary>Who is calling, as proven by a valid access token.</summary>
public sealed record AuthenticatedCaller(
    Guid TokenId,
    Guid ClientId,
    string ClientKey,
    Guid? UserId,
    Guid? SessionId,
    TokenKind Kind,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);

public sealed record TokenValidationResult
{
    private TokenValidationResult(AuthenticatedCaller? caller, TokenRejection? rejection)
    {
        Caller = caller;
        Rejection = rejection;
    }

    public AuthenticatedCaller? Caller { get; }

    public TokenRejection? Rejection { get; }

    public static TokenValidationResult Valid(AuthenticatedCaller caller) => new(caller, null);

    public static TokenValidationResult Rejected(TokenRejection rejection) => new(null, rejection);
}
