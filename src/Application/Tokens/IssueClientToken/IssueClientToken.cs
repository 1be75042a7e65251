using CleanAuth.Application.Clients;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Domain.Clients;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Tokens.IssueClientToken;

/// <summary>
/// The client-credentials grant (RFC 6749 §4.4): an app trades its key and secret for a client token.
/// </summary>
public sealed record IssueClientToken(ClientCredentials Client) : ICommand<TokenGrantResult>;

public sealed class IssueClientTokenHandler(
    ClientAuthenticator clientAuthenticator,
    TokenIssuer tokenIssuer,
    ILogger<IssueClientTokenHandler> logger) : ICommandHandler<IssueClientToken, TokenGrantResult>
{
    public async ValueTask<TokenGrantResult> Handle(IssueClientToken command, CancellationToken cancellationToken)
    {
        var (client, refusal) = await clientAuthenticator.AuthenticateForGrantAsync(
            command.Client,
            GrantTypes.ClientCredentials,
            cancellationToken);
        if (client is null)
        {
            return refusal!;
        }

        var token = await tokenIssuer.IssueClientTokenAsync(client, cancellationToken);

        logger.ClientTokenIssued(token.TokenId, client.ClientKey);
        return TokenGrantResult.Success(token);
    }
}
