using System.CommandLine;
using System.Text.Json;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.WebApi.Errors;

namespace CleanAuth.WebApi.Admin;

/// <summary>Exit codes of the admin verbs, for scripts.</summary>
public static class AdminExitCode
{
    public const int Success = 0;
    public const int Usage = 1;
    public const int NotFound = 2;
    public const int DatabaseUnavailable = 3;
}

/// <summary>
/// The admin verbs the WebApi executable answers besides serving, so that the build that serves
/// traffic also manages clients and users against the same configuration and database.
/// </summary>
public sealed class AdminCommandLine(IServiceProvider services, TextWriter output, TextWriter error)
{
    private static readonly string[] Verbs = ["clients", "users", "migrate", "--help", "-h", "-?"];

    /// <summary>Whether these arguments ask for an admin verb rather than for serving.</summary>
    /// <remarks>
    /// Host settings on the command line start with <c>-</c> or <c>/</c> or hold <c>=</c>
    /// (<c>--urls URL</c>, <c>urls=URL</c>); any other first word is taken as a verb, so that a
    /// mistyped verb gets an error instead of starting the server.
    /// </remarks>
    public static bool Handles(string[] args) =>
        args.Length > 0
        && (Verbs.Contains(args[0]) || (args[0] is [not ('-' or '/'), ..] && !args[0].Contains('=')));

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var console = new AdminConsole(services, output, error);
        var root = new RootCommand("CleanAuth: serve the API (no verb), or manage it with one of these verbs.")
        {
            BuildMigrateCommand(),
            new ClientCommands(console).Build(),
            new UserCommands(console, services.GetRequiredService<TimeProvider>()).Build(),
        };

        // The default handler would turn every exception into exit code 1 with a stack trace; the
        // expected ones are answered below with a message and their own exit codes.
        var configuration = new InvocationConfiguration
        {
            Output = output,
            Error = error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
        }
        catch (RequestValidationException validation)
        {
            foreach (var (field, messages) in validation.Errors)
            {
                // Named as the option that carries it (ExpiresAt: --expires-at).
                var option = "--" + JsonNamingPolicy.KebabCaseLower.ConvertName(field);
                await error.WriteLineAsync($"{option}: {string.Join(" ", messages)}");
            }

            return AdminExitCode.Usage;
        }
        catch (Exception exception) when (ProblemExceptionHandler.IsDatabaseUnavailable(exception))
        {
            await error.WriteLineAsync(
                "Cannot reach the database. Check ConnectionStrings__Default, or start the API with "
                + "scripts/run.sh, which starts the local database these verbs use.");
            return AdminExitCode.DatabaseUnavailable;
        }
    }

    private Command BuildMigrateCommand()
    {
        var command = new Command("migrate", "Apply pending database migrations, then exit.");
        command.SetAction(async (_, cancellationToken) =>
        {
            var applied = await services.MigrateDatabaseAsync(cancellationToken);

            await output.WriteLineAsync(applied == 0
                ? "The database is up to date."
                : $"Applied {applied} migration(s); the database is up to date.");
            return AdminExitCode.Success;
        });
        return command;
    }
}
