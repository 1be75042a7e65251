using CleanAuth.Application.Clients;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Users;
using CleanAuth.Application.Tokens;
using CleanAuth.Domain.Clients;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Users.SignInUser;

/// <summary>
/// The password grant (RFC 6749 §4.3): an authenticated app signs a user in and gets a user token
/// bound to itself.
/// </summary>
public sealed record SignInUser(ClientCredentials Client, string Username, string Password) : ICommand<TokenGrantResult>
{
    public override string ToString() => $"{nameof(SignInUser)} {{ Client = {Client} }}";
}

public sealed class SignInUserHandler(
    ClientAuthenticator clientAuthenticator,
    IUserAccounts userAccounts,
    TokenIssuer tokenIssuer,
    ILogger<SignInUserHandler> logger) : ICommandHandler<SignInUser, TokenGrantResult>
{
    public async ValueTask<TokenGrantResult> Handle(SignInUser command, CancellationToken cancellationToken)
    {
        var (client, refusal) = await clientAuthenticator.AuthenticateForGrantAsync(
            command.Client,
            GrantTypes.Password,
            cancellationToken);
        if (client is null)
        {
            return refusal!;
        }

        var check = await userAccounts.CheckPasswordAsync(command.Username, command.Password, cancellationToken);
        if (!check.Succeeded || check.UserId is not { } userId)
        {
            logger.SignInFailed(client.ClientKey, check.UserId, check.Status);
            if (check.LockoutStarted && check.UserId is { } lockedOutUser)
            {
                logger.UserLockedOut(lockedOutUser);
            }

            // One answer for unknown user, wrong password, lockout and deactivation.
            return TokenGrantResult.Failure(TokenError.InvalidGrant, "The user name or password is incorrect.");
        }

        var token = await tokenIssuer.StartSessionAsync(client, userId, cancellationToken);

        logger.UserTokenIssued(token.TokenId, userId, client.ClientKey);
        return TokenGrantResult.Success(token);
    }
}
