using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Users;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Sessions.SignOutEverywhere;

/// <summary>Ends every session and every token of the user, this one included.</summary>
public sealed record SignOutEverywhere(Guid UserId) : ICommand, IChangesTokenState;

public sealed class SignOutEverywhereHandler(
    IUserAccounts userAccounts,
    SessionRevoker sessionRevoker,
    TimeProvider timeProvider,
    ILogger<SignOutEverywhereHandler> logger) : ICommandHandler<SignOutEverywhere>
{
    public async ValueTask<Unit> Handle(SignOutEverywhere command, CancellationToken cancellationToken)
    {
        await userAccounts.RevokeTokensAsync(command.UserId, timeProvider.GetUtcNow(), active: null, cancellationToken);
        await sessionRevoker.RevokeUserSessionsAsync(command.UserId, keepFamilyId: null, cancellationToken);

        logger.SessionsEnded(command.UserId, "signed out everywhere");
        return Unit.Value;
    }
}
