using CleanAuth.Application.Tokens;
using CleanAuth.Application.Tokens.RevokeToken;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.OAuth;

/// <summary>The RFC 7009 revocation endpoint.</summary>
[OAuthEndpoint]
[AllowAnonymous]
[Route("oauth/revoke")]
[ApiExplorerSettings(IgnoreApi = false)]
public sealed class RevocationController(ISender sender) : ControllerBase
{
    /// <summary>
    /// Revokes one of the calling client's tokens. Answers 200 for unknown, foreign and already
    /// revoked tokens too (RFC 7009 §2.2): the answer reveals nothing about them.
    /// </summary>
    [HttpPost]
    [RequestSizeLimit(TokenController.MaxBodyBytes)]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType<TokenErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<TokenErrorResponse>(StatusCodes.Status401Unauthorized)]
    public async Task<IResult> Revoke(CancellationToken cancellationToken)
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

        var clientAuthenticated = await sender.Send(
            new RevokeToken(request.Client!, token, request.Parameters["token_type_hint"]),
            cancellationToken);

        return clientAuthenticated
            ? TypedResults.Ok()
            : TokenResponses.Error(TokenError.InvalidClient, "Client authentication failed.");
    }
}
