using System.Text.Json.Serialization;
using CleanAuth.Application.Tokens;

namespace CleanAuth.WebApi.OAuth;

/// <summary>RFC 6749 §5.1 successful token response.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] long ExpiresIn,
    [property: JsonPropertyName("refresh_token")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? RefreshToken)
{
    public override string ToString() => $"{nameof(TokenResponse)} {{ ExpiresIn = {ExpiresIn} }}";
}

/// <summary>RFC 6749 §5.2 error response.</summary>
public sealed record TokenErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string? ErrorDescription);

/// <summary>Turns token-endpoint outcomes into RFC 6749 responses.</summary>
public static class TokenResponses
{
    public static string ToCode(this TokenError error) => error switch
    {
        TokenError.InvalidRequest => "invalid_request",
        TokenError.InvalidClient => "invalid_client",
        TokenError.InvalidGrant => "invalid_grant",
        TokenError.UnauthorizedClient => "unauthorized_client",
        TokenError.UnsupportedGrantType => "unsupported_grant_type",
        _ => throw new ArgumentOutOfRangeException(nameof(error), error, "Unknown token error."),
    };

    /// <summary>
    /// RFC 6749 §5.2: a failed client authentication is 401 with a challenge for the scheme the
    /// client can use; every other error is 400.
    /// </summary>
    public static IResult Error(TokenError error, string description)
    {
        var body = new TokenErrorResponse(error.ToCode(), description);
        if (error != TokenError.InvalidClient)
        {
            return TypedResults.BadRequest(body);
        }

        return new ChallengeJsonResult(body);
    }

    public static IResult Success(IssuedTokens tokens) =>
        TypedResults.Ok(new TokenResponse(
            tokens.AccessToken,
            "Bearer",
            (long)tokens.Lifetime.TotalSeconds,
            tokens.RefreshToken));

    public static IResult From(TokenGrantResult result) =>
        result.Token is { } token ? Success(token) : Error(result.Error!.Value, result.ErrorDescription!);

    private sealed class ChallengeJsonResult(TokenErrorResponse body) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Basic realm=\"CleanAuth\", charset=\"UTF-8\"";
            httpContext.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return httpContext.Response.WriteAsJsonAsync(body);
        }
    }
}
