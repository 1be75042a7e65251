using System.Security.Claims;
using System.Text.Encodings.Web;
using CleanAuth.Application.Tokens.ValidateToken;
using CleanAuth.Domain.Tokens;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Authentication;

/// <summary>
/// The one authentication handler behind <see cref="ClientAuthorizeAttribute"/> and
/// <see cref="ClientAndUserAuthorizeAttribute"/>: reads the bearer token, has it validated, and
/// answers failures with RFC 6750 challenges.
/// </summary>
public sealed class ClientTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    ISender sender,
    IProblemDetailsService problemDetailsService)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    // Failures are values reused across requests, not exceptions thrown per request.
    private static readonly AuthenticateResult MalformedHeader = AuthenticateResult.Fail(
        new InvalidBearerTokenException("The Authorization header must be 'Bearer' followed by one access token."));

    private static readonly AuthenticateResult InvalidToken = AuthenticateResult.Fail(
        new InvalidBearerTokenException("The access token is invalid, revoked, or no longer accepted; sign in again."));

    private static readonly AuthenticateResult ExpiredToken = AuthenticateResult.Fail(
        new InvalidBearerTokenException("The access token expired; refresh it or request a new one.")
        {
            IsExpired = true,
        });

    private static readonly InvalidBearerTokenException UserTokenRequired =
        new("This endpoint needs a user token: sign a user in with the password grant.");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = BearerHeader.Read(Request.Headers.Authorization);
        switch (header.Kind)
        {
            case BearerHeaderKind.Missing:
            case BearerHeaderKind.OtherScheme:
                return AuthenticateResult.NoResult();
            case BearerHeaderKind.Malformed:
                AuthenticationLog.MalformedAuthorizationHeader(Logger);
                return MalformedHeader;
        }

        var validation = await sender.Send(new ValidateToken(header.Token!), Context.RequestAborted);
        if (validation.Caller is not { } caller)
        {
            return validation.Rejection == TokenRejection.Expired ? ExpiredToken : InvalidToken;
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(CreateClaims(caller), Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        await WriteChallengeAsync(result.Failure as InvalidBearerTokenException);
    }

    /// <summary>
    /// A valid token that the policy refuses can only be a client token on a route that needs a
    /// user. It is answered as an unusable token (401), not as a lack of permission (403): the
    /// app's fix is to sign a user in.
    /// </summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteChallengeAsync(UserTokenRequired);

    private static IEnumerable<Claim> CreateClaims(AuthenticatedCaller caller)
    {
        yield return new Claim(CallerClaimTypes.ClientId, caller.ClientKey);
        yield return new Claim(CallerClaimTypes.TokenId, caller.TokenId.ToString());
        yield return new Claim(CallerClaimTypes.TokenKind, caller.Kind == TokenKind.User ? "user" : "client");
        if (caller.UserId is { } userId)
        {
            yield return new Claim(CallerClaimTypes.UserId, userId.ToString());
        }

        if (caller.SessionId is { } sessionId)
        {
            yield return new Claim(CallerClaimTypes.SessionId, sessionId.ToString());
        }
    }

    /// <summary>
    /// RFC 6750 §3: <c>WWW-Authenticate: Bearer</c> on every 401, with <c>error="invalid_token"</c>
    /// when a token was sent and no error code when the request carried no credentials (§3.1).
    /// </summary>
    private async Task WriteChallengeAsync(InvalidBearerTokenException? failure)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = failure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{failure.Message}\"";

        await problemDetailsService.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = failure is null ? "Authentication required" : "Invalid access token",
                Detail = failure?.Message ?? "Send an access token in the Authorization header: 'Bearer <token>'.",
                Type = "https://www.rfc-editor.org/rfc/rfc6750#section-3.1",
            },
        });
    }
}
