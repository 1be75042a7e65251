using CleanAuth.Application.Tokens;
using CleanAuth.Application.Tokens.IssueClientToken;
using CleanAuth.Application.Tokens.RefreshAccessToken;
using CleanAuth.Application.Users.SignInUser;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.OAuth;

/// <summary>The RFC 6749 token endpoint.</summary>
[OAuthEndpoint]
[AllowAnonymous]
[Route("oauth/token")]
[ApiExplorerSettings(IgnoreApi = false)]
public sealed class TokenController(ISender sender) : ControllerBase
{
    /// <summary>Small on purpose: a token request is a handful of short parameters.</summary>
    public const long MaxBodyBytes = 16 * 1024;

    public static readonly string[] SupportedGrantTypes = ["client_credentials", "password", "refresh_token"];

    [HttpPost]
    [RequestSizeLimit(MaxBodyBytes)]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<TokenErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<TokenErrorResponse>(StatusCodes.Status401Unauthorized)]
    public async Task<IResult> Token(CancellationToken cancellationToken)
    {
        var request = await OAuthRequestReader.ReadAsync(Request, cancellationToken);
        if (request.Error is { } readError)
        {
            return TokenResponses.Error(readError, request.ErrorDescription!);
        }

        var parameters = request.Parameters!;
        var client = request.Client!;
        switch (parameters["grant_type"])
        {
            case null:
                return TokenResponses.Error(TokenError.InvalidRequest, "The parameter 'grant_type' is required.");

            case "client_credentials":
                return TokenResponses.From(await sender.Send(new IssueClientToken(client), cancellationToken));

            case "password":
                if (parameters["username"] is not { } username || parameters["password"] is not { } password)
                {
                    return TokenResponses.Error(
                        TokenError.InvalidRequest,
                        "The password grant needs the parameters 'username' and 'password'.");
                }

                return TokenResponses.From(
                    await sender.Send(new SignInUser(client, username, password), cancellationToken));

            case "refresh_token":
                if (parameters["refresh_token"] is not { } refreshToken)
                {
                    return TokenResponses.Error(
                        TokenError.InvalidRequest,
                        "The refresh_token grant needs the parameter 'refresh_token'.");
                }

                return TokenResponses.From(
                    await sender.Send(new RefreshAccessToken(client, refreshToken), cancellationToken));

            default:
                return TokenResponses.Error(
                    TokenError.UnsupportedGrantType,
                    "Supported grant types: " + string.Join(", ", SupportedGrantTypes) + ".");
        }
    }
}
