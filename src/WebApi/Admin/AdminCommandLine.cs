using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CleanAuth.Application.Clients.ChangeClientStatus;
using CleanAuth.Application.Clients.GetClient;
using CleanAuth.Application.Clients.ListClients;
using CleanAuth.Application.Clients.RegisterClient;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Domain.Clients;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.WebApi.Errors;
using Mediator;
using Microsoft.EntityFrameworkCore;

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
/// traffic also manages clients against the same configuration and database.
/// </summary>
public sealed class AdminCommandLine(IServiceProvider services, TextWriter output, TextWriter error)
{
    private static readonly string[] Verbs = ["clients", "migrate", "--help", "-h", "-?"];

    private static readonly string[] Platforms = ["web", "android", "ios", "server"];

    /// <summary>Whether these arguments ask for an admin verb rather than for serving.</summary>
    /// <remarks>
    /// Host settings on the command line start with <c>-</c> or <c>/</c> or hold <c>=</c>
    /// (<c>--urls URL</c>, <c>urls=URL</c>); any other first word is taken as a verb, so that a
    /// mistyped verb gets an error instead of starting the server.
    /// </remarks>
    public static bool Handles(string[] args) =>
        args.Length > 0 && (Verbs.Contains(args[0]) || args[0] is [not ('-' or '/'), ..] && !args[0].Contains('='));

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("CleanAuth: serve the API (no verb), or manage it with one of these verbs.")
        {
            BuildMigrateCommand(),
            BuildClientsCommand(),
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

    private Command BuildClientsCommand()
    {
        var command = new Command("clients", "Register and manage API clients (one per app build).");
        command.Subcommands.Add(BuildCreateCommand());
        command.Subcommands.Add(BuildListCommand());
        command.Subcommands.Add(BuildShowCommand());
        command.Subcommands.Add(BuildStatusCommand("deactivate", active: false,
            "Switch a client off: its tokens stop working at once, and it gets no new ones."));
        command.Subcommands.Add(BuildStatusCommand("activate", active: true,
            "Switch a client back on. Tokens cut off by deactivation stay dead."));
        return command;
    }

    private Command BuildCreateCommand()
    {
        var name = new Option<string>("--name")
        {
            Description = "A name people recognise, such as \"Android 5.2\".",
            Required = true,
        };
        var platform = new Option<string>("--platform")
        {
            Description = "web, android, ios or server.",
            Required = true,
        };
        platform.AcceptOnlyFromAmong(Platforms);
        var grants = new Option<string>("--grants")
        {
            Description = "Comma-separated grants the client may use: client_credentials, password.",
            DefaultValueFactory = _ => "client_credentials,password",
        };
        var expiresAt = new Option<DateTimeOffset?>("--expires-at")
        {
            Description = "When the client stops working (ISO 8601, e.g. 2027-06-30 or 2027-06-30T12:00:00Z).",
        };
        var json = JsonOption();

        var command = new Command("create", "Register a client and print its secret, once.")
        {
            name, platform, grants, expiresAt, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!GrantNames.TryParse(parseResult.GetValue(grants)!, out var allowedGrants))
            {
                await error.WriteLineAsync(
                    "--grants takes client_credentials, password, or both separated by a comma.");
                return AdminExitCode.Usage;
            }

            var register = new RegisterClient(
                parseResult.GetValue(name)!,
                Enum.Parse<ClientPlatform>(parseResult.GetValue(platform)!, ignoreCase: true),
                allowedGrants,
                parseResult.GetValue(expiresAt)?.ToUniversalTime());
            var created = await SendAsync(sender => sender.Send(register, cancellationToken));

            var client = ClientOutput.From(created.Client);
            if (parseResult.GetValue(json))
            {
                await WriteJsonAsync(new CreatedClientOutput(
                    client.ClientId,
                    created.ClientSecret,
                    client.Name,
                    client.Platform,
                    client.GrantTypes,
                    client.ExpiresAt,
                    client.CreatedAt));
                return AdminExitCode.Success;
            }

            await output.WriteLineAsync("Client created. Copy the secret now: it is shown only this once.");
            await WriteFieldsAsync(
                ("client_id", client.ClientId),
                ("client_secret", created.ClientSecret),
                ("name", client.Name),
                ("platform", client.Platform),
                ("grant_types", string.Join(", ", client.GrantTypes)),
                ("expires_at", Format(client.ExpiresAt)));
            return AdminExitCode.Success;
        });
        return command;
    }

    private Command BuildListCommand()
    {
        var json = JsonOption();
        var command = new Command("list", "List every client (never a secret).") { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var clients = (await SendAsync(sender => sender.Send(new ListClients(), cancellationToken)))
                .Select(ClientOutput.From)
                .ToList();
            if (parseResult.GetValue(json))
            {
                await WriteJsonAsync(clients);
                return AdminExitCode.Success;
            }

            if (clients.Count == 0)
            {
                await output.WriteLineAsync(
                    "No clients yet. Register one with: clients create --name NAME --platform PLATFORM");
                return AdminExitCode.Success;
            }

            await WriteTableAsync(
                ["CLIENT_ID", "NAME", "PLATFORM", "GRANTS", "ACTIVE", "EXPIRES_AT", "LAST_USED_AT"],
                clients.Select(c => new[]
                {
                    c.ClientId,
                    c.Name,
                    c.Platform,
                    string.Join(",", c.GrantTypes),
                    c.Active ? "yes" : "no",
                    Format(c.ExpiresAt),
                    Format(c.LastUsedAt),
                }));
            return AdminExitCode.Success;
        });
        return command;
    }

    private Command BuildShowCommand()
    {
        var clientId = ClientIdArgument();
        var json = JsonOption();
        var command = new Command("show", "Show one client (never its secret).") { clientId, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var summary = await SendAsync(
                sender => sender.Send(new GetClient(parseResult.GetValue(clientId)!), cancellationToken));
            if (summary is null)
            {
                return await ClientNotFoundAsync(parseResult.GetValue(clientId)!);
            }

            var client = ClientOutput.From(summary);
            if (parseResult.GetValue(json))
            {
                await WriteJsonAsync(client);
                return AdminExitCode.Success;
            }

            await WriteFieldsAsync(
                ("client_id", client.ClientId),
                ("name", client.Name),
                ("platform", client.Platform),
                ("grant_types", string.Join(", ", client.GrantTypes)),
                ("active", client.Active ? "yes" : "no"),
                ("expires_at", Format(client.ExpiresAt)),
                ("created_at", Format(client.CreatedAt)),
                ("last_used_at", Format(client.LastUsedAt)));
            return AdminExitCode.Success;
        });
        return command;
    }

    private Command BuildStatusCommand(string verb, bool active, string description)
    {
        var clientId = ClientIdArgument();
        var json = JsonOption();
        var command = new Command(verb, description) { clientId, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var key = parseResult.GetValue(clientId)!;
            var summary = await SendAsync(
                sender => sender.Send(new ChangeClientStatus(key, active), cancellationToken));
            if (summary is null)
            {
                return await ClientNotFoundAsync(key);
            }

            if (parseResult.GetValue(json))
            {
                await WriteJsonAsync(ClientOutput.From(summary));
                return AdminExitCode.Success;
            }

            await output.WriteLineAsync(active
                ? $"Client {key} is active."
                : $"Client {key} is deactivated; its tokens no longer work.");
            return AdminExitCode.Success;
        });
        return command;
    }

    private static Option<bool> JsonOption() =>
        new("--json") { Description = "Print one JSON document (snake_case keys) instead of text." };

    private static Argument<string> ClientIdArgument() =>
        new("CLIENT_ID") { Description = "The client's public key, as apps send it in client_id (ca_ck_...)." };

    /// <summary>Each verb runs in a scope of its own, as a request would.</summary>
    private async Task<TResponse> SendAsync<TResponse>(Func<ISender, ValueTask<TResponse>> send)
    {
        await using var scope = services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    private async Task<int> ClientNotFoundAsync(string clientId)
    {
        await error.WriteLineAsync($"No client has the id '{clientId}'. List the clients with: clients list");
        return AdminExitCode.NotFound;
    }

    private Task WriteJsonAsync<T>(T value) =>
        output.WriteLineAsync(JsonSerializer.Serialize(value, AdminJson.Options));

    private async Task WriteFieldsAsync(params (string Name, string Value)[] fields)
    {
        var width = fields.Max(f => f.Name.Length) + 2;
        foreach (var (fieldName, value) in fields)
        {
            await output.WriteLineAsync(fieldName.PadRight(width) + value);
        }
    }

    private async Task WriteTableAsync(string[] headers, IEnumerable<string[]> rows)
    {
        var table = rows.ToList();
        var widths = headers
            .Select((header, column) =>
                Math.Max(header.Length, table.Count == 0 ? 0 : table.Max(r => r[column].Length)))
            .ToArray();

        await output.WriteLineAsync(FormatRow(headers, widths));
        foreach (var row in table)
        {
            await output.WriteLineAsync(FormatRow(row, widths));
        }
    }

    private static string FormatRow(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd();

    private static string Format(DateTimeOffset? moment) =>
        moment?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
