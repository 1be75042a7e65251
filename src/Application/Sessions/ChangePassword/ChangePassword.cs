using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Users;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Sessions.ChangePassword;

/// <summary>
/// A signed-in user changes their password. Every other session of the user ends; the one that
/// asked survives, so the app in hand stays signed in.
/// </summary>
public sealed record ChangePassword(Guid UserId, Guid? CurrentSessionId, string CurrentPassword, string NewPassword)
    : ICommand<PasswordChange>, IChangesTokenState
{
    public override string ToString() => $"{nameof(ChangePassword)} {{ UserId = {UserId} }}";
}

public sealed class ChangePasswordHandler(
    IUserAccounts userAccounts,
    SessionRevoker sessionRevoker,
    ILogger<ChangePasswordHandler> logger) : ICommandHandler<ChangePassword, PasswordChange>
{
    public async ValueTask<PasswordChange> Handle(ChangePassword command, CancellationToken cancellationToken)
    {
        var change = await userAccounts.ChangePasswordAsync(
            command.UserId,
            command.CurrentPassword,
            command.NewPassword,
            cancellationToken);
        if (change.Status != PasswordChangeStatus.Changed)
        {
            return change;
        }

        await sessionRevoker.RevokeUserSessionsAsync(command.UserId, command.CurrentSessionId, cancellationToken);

        logger.SessionsEnded(command.UserId, "password changed; the session that changed it goes on");
        return change;
    }
}
