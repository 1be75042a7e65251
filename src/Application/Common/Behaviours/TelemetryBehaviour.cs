using CleanAuth.Application.Common.Telemetry;
using CleanAuth.Application.Tokens;
using CleanAuth.Application.Tokens.IssueClientToken;
using CleanAuth.Application.Tokens.RefreshAccessToken;
using CleanAuth.Application.Tokens.ValidateToken;
using CleanAuth.Application.Users.SignInUser;
using Mediator;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>
/// Counts what the token use cases decided, from their results: tokens issued and token
/// requests refused (by grant), and tokens rejected on protected routes (by reason). Reading
/// results here keeps metrics out of the handlers and covers every grant in one place.
/// </summary>
public sealed class TelemetryBehaviour<TMessage, TResponse>(CleanAuthMetrics metrics)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);

        switch (response)
        {
            case TokenGrantResult { Token: not null }:
                metrics.TokenIssued(GrantType(message));
                break;
            case TokenGrantResult { Error: { } error }:
                metrics.TokenRequestFailed(GrantType(message), error);
                break;
            case TokenValidationResult { Rejection: { } rejection }:
                metrics.TokenRejected(rejection);
                break;
        }

        return response;
    }

    /// <summary>The RFC 6749 grant type a token use case serves; a new grant adds its line here.</summary>
    private static string GrantType(TMessage message) => message switch
    {
        IssueClientToken => "client_credentials",
        SignInUser => "password",
        RefreshAccessToken => "refresh_token",
        _ => typeof(TMessage).Name,
    };
}
