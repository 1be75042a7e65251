using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Logging;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Sessions.SignOutCurrentSession;

/// <summary>Ends the session the request came from; the user's other sessions go on.</summary>
public sealed record SignOutCurrentSession(Guid UserId, Guid SessionId) : ICommand, IChangesTokenState;

public sealed class SignOutCurrentSessionHandler(
    SessionRevoker sessionRevoker,
    ILogger<SignOutCurrentSessionHandler> logger) : ICommandHandler<SignOutCurrentSession>
{
    public async ValueTask<Unit> Handle(SignOutCurrentSession command, CancellationToken cancellationToken)
    {
        await sessionRevoker.RevokeSessionAsync(command.SessionId, cancellationToken);

        logger.SessionsEnded(command.UserId, "signed out of one session");
        return Unit.Value;
    }
}
