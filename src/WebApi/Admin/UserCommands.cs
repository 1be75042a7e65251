using System.CommandLine;
using CleanAuth.Application.Common.Users;
using CleanAuth.Application.Users.Administration;

namespace CleanAuth.WebApi.Admin;

/// <summary>A user as the admin verbs print it; never a password or its hash.</summary>
internal sealed record UserOutput(
    Guid Id,
    string Username,
    bool Active,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LockedOutUntil,
    DateTimeOffset? TokensRevokedAt)
{
    public static UserOutput From(UserAccount user, DateTimeOffset now) => new(
        user.Id,
        user.UserName,
        user.IsActive,
        user.CreatedAt,
        user.LockedOutUntil > now ? user.LockedOutUntil : null,
        user.TokensRevokedAt);
}

/// <summary>The <c>users</c> verbs: support and incident work on user accounts.</summary>
internal sealed class UserCommands(AdminConsole console, TimeProvider timeProvider)
{
    private const string ListHint = "users list";

    public Command Build()
    {
        var command = new Command("users", "Look after user accounts.");
        command.Subcommands.Add(BuildList());
        command.Subcommands.Add(BuildShow());
        command.Subcommands.Add(BuildSimple(
            "deactivate",
            "Switch a user off: every token ends at once; no sign-in or refresh until activated.",
            name => new ChangeUserStatus(name, Active: false),
            "is deactivated; every session ended"));
        command.Subcommands.Add(BuildSimple(
            "activate",
            "Let a deactivated user sign in again (ended sessions stay ended).",
            name => new ChangeUserStatus(name, Active: true),
            "is active"));
        command.Subcommands.Add(BuildSimple(
            "unlock",
            "End a lockout after wrong passwords.",
            name => new UnlockUser(name),
            "is unlocked"));
        command.Subcommands.Add(BuildResetPassword());
        command.Subcommands.Add(BuildDelete());
        return command;
    }

    private Command BuildList()
    {
        var json = AdminConsole.JsonOption();
        var command = new Command("list", "List every user.") { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var now = timeProvider.GetUtcNow();
            var accounts = await console.SendAsync(sender => sender.Send(new ListUsers(), cancellationToken));
            var users = accounts.Select(user => UserOutput.From(user, now)).ToList();
            if (parseResult.GetValue(json))
            {
                await console.WriteJsonAsync(users);
                return AdminExitCode.Success;
            }

            if (users.Count == 0)
            {
                await console.Output.WriteLineAsync("No users yet. Users sign up through an app: POST /api/v1/users.");
                return AdminExitCode.Success;
            }

            await console.WriteTableAsync(
                ["USERNAME", "ACTIVE", "LOCKED_OUT_UNTIL", "CREATED_AT", "ID"],
                users.Select(u => new[]
                {
                    u.Username,
                    AdminConsole.Format(u.Active),
                    AdminConsole.Format(u.LockedOutUntil),
                    AdminConsole.Format(u.CreatedAt),
                    u.Id.ToString(),
                }));
            return AdminExitCode.Success;
        });
        return command;
    }

    private Command BuildShow()
    {
        var userName = UserNameArgument();
        var json = AdminConsole.JsonOption();
        var command = new Command("show", "Show one user.") { userName, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(userName)!;
            var account = await console.SendAsync(sender => sender.Send(new GetUser(name), cancellationToken));
            if (account is null)
            {
                return await NotFoundAsync(name);
            }

            var user = UserOutput.From(account, timeProvider.GetUtcNow());
            if (parseResult.GetValue(json))
            {
                await console.WriteJsonAsync(user);
                return AdminExitCode.Success;
            }

            await console.WriteFieldsAsync(
                ("username", user.Username),
                ("id", user.Id.ToString()),
                ("active", AdminConsole.Format(user.Active)),
                ("locked_out_until", AdminConsole.Format(user.LockedOutUntil)),
                ("created_at", AdminConsole.Format(user.CreatedAt)),
                ("tokens_revoked_at", AdminConsole.Format(user.TokensRevokedAt)));
            return AdminExitCode.Success;
        });
        return command;
    }

    private Command BuildSimple(
        string verb,
        string description,
        Func<string, Mediator.ICommand<UserAccount?>> request,
        string done)
    {
        var userName = UserNameArgument();
        var command = new Command(verb, description) { userName };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(userName)!;
            var account = await console.SendAsync(sender => sender.Send(request(name), cancellationToken));
            if (account is null)
            {
                return await NotFoundAsync(name);
            }

            await console.Output.WriteLineAsync($"User {account.UserName} {done}.");
            return AdminExitCode.Success;
        });
        return command;
    }

    private Command BuildResetPassword()
    {
        var userName = UserNameArgument();
        var json = AdminConsole.JsonOption();
        var command = new Command(
            "reset-password",
            "Set a temporary password, print it once, and end every session of the user.")
        {
            userName, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(userName)!;
            var password = await console.SendAsync(
                sender => sender.Send(new ResetUserPassword(name), cancellationToken));
            if (password is null)
            {
                return await NotFoundAsync(name);
            }

            if (parseResult.GetValue(json))
            {
                await console.WriteJsonAsync(new { username = name, password });
                return AdminExitCode.Success;
            }

            await console.Output.WriteLineAsync(
                "Password reset and every session ended. Give the user this password; it is shown only once, "
                + "and they should change it after signing in:");
            await console.Output.WriteLineAsync(password);
            return AdminExitCode.Success;
        });
        return command;
    }

    private Command BuildDelete()
    {
        var userName = UserNameArgument();
        var command = new Command("delete", "Delete a user and their notes; their tokens stop working.") { userName };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(userName)!;
            var deleted = await console.SendAsync(sender => sender.Send(new DeleteUser(name), cancellationToken));
            if (!deleted)
            {
                return await NotFoundAsync(name);
            }

            await console.Output.WriteLineAsync($"User {name} is deleted.");
            return AdminExitCode.Success;
        });
        return command;
    }

    private Task<int> NotFoundAsync(string userName) =>
        console.NotFoundAsync($"user is named '{userName}'", ListHint);

    private static Argument<string> UserNameArgument() =>
        new("USERNAME") { Description = "The user name (matched regardless of case)." };
}
