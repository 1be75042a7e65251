using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Users;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Users.RegisterUser;

/// <summary>Signs a new user up. User names are unique regardless of case.</summary>
public sealed record RegisterUser(string Username, string Password) : ICommand<UserRegistration>
{
    public override string ToString() => $"{nameof(RegisterUser)} {{ Username = {Username} }}";
}

public sealed class RegisterUserHandler(IUserAccounts userAccounts, ILogger<RegisterUserHandler> logger)
    : ICommandHandler<RegisterUser, UserRegistration>
{
    public async ValueTask<UserRegistration> Handle(RegisterUser command, CancellationToken cancellationToken)
    {
        var registration = await userAccounts.RegisterAsync(command.Username, command.Password, cancellationToken);

        if (registration.Account is { } account)
        {
            logger.UserRegistered(account.Id);
        }

        return registration;
    }
}
