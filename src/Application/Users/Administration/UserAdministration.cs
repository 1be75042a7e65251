using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.Common.Users;
using CleanAuth.Application.Sessions;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Users.Administration;

/// <summary>Every user, for the admin verbs.</summary>
public sealed record ListUsers : IQuery<IReadOnlyList<UserAccount>>;

public sealed record GetUser(string UserName) : IQuery<UserAccount?>;

/// <summary>
/// Deactivation ends every token of the user at once and blocks sign-in and refresh; activation
/// allows sign-in again without reviving the tokens that ended.
/// </summary>
public sealed record ChangeUserStatus(string UserName, bool Active) : ICommand<UserAccount?>, IChangesTokenState;

/// <summary>Ends a lockout after wrong passwords.</summary>
public sealed record UnlockUser(string UserName) : ICommand<UserAccount?>;

/// <summary>Sets a temporary password and ends every session; the password is shown once.</summary>
public sealed record ResetUserPassword(string UserName) : ICommand<string?>, IChangesTokenState;

/// <summary>
/// Deletes a user. Their token records stay as revoked facts; a new user of the same name is a new
/// user.
/// </summary>
public sealed record DeleteUser(string UserName) : ICommand<bool>, IChangesTokenState;

public sealed class UserAdministrationHandlers(
    IUserAccounts userAccounts,
    SessionRevoker sessionRevoker,
    ICredentialGenerator credentialGenerator,
    TimeProvider timeProvider,
    ILogger<UserAdministrationHandlers> logger) :
    IQueryHandler<ListUsers, IReadOnlyList<UserAccount>>,
    IQueryHandler<GetUser, UserAccount?>,
    ICommandHandler<ChangeUserStatus, UserAccount?>,
    ICommandHandler<UnlockUser, UserAccount?>,
    ICommandHandler<ResetUserPassword, string?>,
    ICommandHandler<DeleteUser, bool>
{
    public async ValueTask<IReadOnlyList<UserAccount>> Handle(ListUsers query, CancellationToken cancellationToken) =>
        await userAccounts.ListAsync(cancellationToken);

    public async ValueTask<UserAccount?> Handle(GetUser query, CancellationToken cancellationToken) =>
        await userAccounts.FindByNameAsync(query.UserName, cancellationToken);

    public async ValueTask<UserAccount?> Handle(ChangeUserStatus command, CancellationToken cancellationToken)
    {
        var user = await userAccounts.FindByNameAsync(command.UserName, cancellationToken);
        if (user is null)
        {
            return null;
        }

        if (command.Active)
        {
            await userAccounts.SetActiveAsync(user.Id, active: true, cancellationToken);
        }
        else
        {
            await EndAllSessionsAsync(user.Id, active: false, cancellationToken);
        }

        logger.UserAdministered(user.Id, command.Active ? "activated" : "deactivated");
        return await userAccounts.FindAsync(user.Id, cancellationToken);
    }

    public async ValueTask<UserAccount?> Handle(UnlockUser command, CancellationToken cancellationToken)
    {
        var user = await userAccounts.FindByNameAsync(command.UserName, cancellationToken);
        if (user is null)
        {
            return null;
        }

        await userAccounts.UnlockAsync(user.Id, cancellationToken);

        logger.UserAdministered(user.Id, "unlocked");
        return await userAccounts.FindAsync(user.Id, cancellationToken);
    }

    public async ValueTask<string?> Handle(ResetUserPassword command, CancellationToken cancellationToken)
    {
        var user = await userAccounts.FindByNameAsync(command.UserName, cancellationToken);
        if (user is null)
        {
            return null;
        }

        var password = credentialGenerator.NewOneTimePassword();
        await userAccounts.ResetPasswordAsync(user.Id, password, cancellationToken);
        await EndAllSessionsAsync(user.Id, active: null, cancellationToken);

        logger.UserAdministered(user.Id, "password reset; every session ended");
        return password;
    }

    public async ValueTask<bool> Handle(DeleteUser command, CancellationToken cancellationToken)
    {
        var user = await userAccounts.FindByNameAsync(command.UserName, cancellationToken);
        if (user is null)
        {
            return false;
        }

        await sessionRevoker.RevokeUserSessionsAsync(user.Id, keepFamilyId: null, cancellationToken);
        await userAccounts.DeleteAsync(user.Id, cancellationToken);

        logger.UserAdministered(user.Id, "deleted");
        return true;
    }

    private async Task EndAllSessionsAsync(Guid userId, bool? active, CancellationToken cancellationToken)
    {
        await userAccounts.RevokeTokensAsync(userId, timeProvider.GetUtcNow(), active, cancellationToken);
        await sessionRevoker.RevokeUserSessionsAsync(userId, keepFamilyId: null, cancellationToken);
    }
}
