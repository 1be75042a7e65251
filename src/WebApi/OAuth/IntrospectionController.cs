using System.Text.Json.Serialization;
using CleanAuth.Application.Tokens;
using CleanAuth.Application.Tokens.IntrospectToken;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.OAuth;

/// <summary>RFC 7662 §2.2 introspection response; an inactive token shows <c>active</c> alone.</summary>
public sealed record IntrospectionResponse(
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("client_id"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? ClientId = null,
    [property: JsonPropertyName("username"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Username = null,
    [property: JsonPropertyName("sub"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Subject = null,
    [property: JsonPropertyName("token_type"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? TokenType = null,
    [property: JsonPropertyName("exp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    long? ExpiresAt = null,
    [property: JsonPropertyName("iat"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    long? IssuedAt = null)
{
    public static readonly IntrospectionResponse Inactive = new(false);

    public static IntrospectionResponse From(TokenIntrospection token) => new(
        true,
        token.ClientId,
        token.Username,
        token.Subject?.ToString(),
        token.TokenType,
        token.ExpiresAt.ToUnixTimeSeconds(),
        token.IssuedAt.ToUnixTimeSeconds());
}

/// <summary>The RFC 7662 introspection endpoint.</summary>
[OAuthEndpoint]
[AllowAnonymous]
[Route("oauth/introspect")]
[ApiExplorerSettings(IgnoreApi = false)]
public sealed class IntrospectionController(ISender sender) : ControllerBase
{
    /// <summary>Tells an authenticated client whether one of its own tokens is active.</summary>
    [HttpPost]
    [RequestSizeLimit(TokenController.MaxBodyBytes)]
    [ProducesResponseType<IntrospectionResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<TokenErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<TokenErrorResponse>(StatusCodes.Status401Unauthorized)]
    public async Task<IResult> Introspect(CancellationToken cancellationToken)
    {
        var request = await OAuthRequestReader.ReadAsync(Request, cancellationToken);
        if (request.Error is { } readError)
        {
            return TokenResponses.Error(readError, request.ErrorDescription!);
        }

        if (request.Parameters!["token"] is not { } token)
        {
            return TokenResponses.Error(TokenError.InvalidRequest, "The parameter 'token' is required.");
        }

        var result = await sender.Send(
            new IntrospectToken(request.Client!, token, request.Parameters["token_type_hint"]),
            cancellationToken);
        if (!result.ClientAuthenticated)
        {
            return TokenResponses.Error(TokenError.InvalidClient, "Client authentication failed.");
        }

        return TypedResults.Json(result.Active is { } active
            ? IntrospectionResponse.From(active)
            : IntrospectionResponse.Inactive);
    }
}
