using System.CommandLine;
using CleanAuth.Application.Clients;
using CleanAuth.Application.Clients.ChangeClientStatus;
using CleanAuth.Application.Clients.GetClient;
using CleanAuth.Application.Clients.ListClients;
using CleanAuth.Application.Clients.RegisterClient;
using CleanAuth.Application.Clients.RotateClientSecret;
using CleanAuth.Application.Clients.UpdateClient;
using CleanAuth.Domain.Clients;

namespace CleanAuth.WebApi.Admin;

/// <summary>The <c>clients</c> verbs: one client per app build, registered, rotated and switched here.</summary>
internal sealed class ClientCommands(AdminConsole console)
{
    private const string ListHint = "clients list";

    private static readonly string[] Platforms = ["web", "android", "ios", "server"];

    public Command Build()
    {
        var command = new Command("clients", "Register and manage API clients (one per app build).");
        command.Subcommands.Add(BuildCreate());
        command.Subcommands.Add(BuildList());
        command.Subcommands.Add(BuildShow());
        command.Subcommands.Add(BuildUpdate());
        command.Subcommands.Add(BuildRotateSecret());
        command.Subcommands.Add(BuildStatus(
            "deactivate",
            active: false,
            "Switch a client off: its tokens stop working at once, and it gets no new ones."));
        command.Subcommands.Add(BuildStatus(
            "activate",
            active: true,
            "Switch a client back on. Tokens cut off by deactivation stay dead."));
        return command;
    }

    private Command BuildCreate()
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
        var grants = GrantsOption();
        grants.DefaultValueFactory = _ => "client_credentials,password";
        var expiresAt = ExpiresAtOption();
        var json = AdminConsole.JsonOption();

        var command = new Command("create", "Register a client and print its secret, once.")
        {
            name, platform, grants, expiresAt, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!GrantNames.TryParse(parseResult.GetValue(grants)!, out var allowedGrants))
            {
                return await console.UsageAsync(GrantsUsage);
            }

            var register = new RegisterClient(
                parseResult.GetValue(name)!,
                Enum.Parse<ClientPlatform>(parseResult.GetValue(platform)!, ignoreCase: true),
                allowedGrants,
                parseResult.GetValue(expiresAt)?.ToUniversalTime());
            var created = await console.SendAsync(sender => sender.Send(register, cancellationToken));

            var client = ClientOutput.From(created.Client);
            if (parseResult.GetValue(json))
            {
                await console.WriteJsonAsync(new CreatedClientOutput(
                    client.ClientId,
                    created.ClientSecret,
                    client.Name,
                    client.Platform,
                    client.GrantTypes,
                    client.ExpiresAt,
                    client.CreatedAt));
                return AdminExitCode.Success;
            }

            await console.Output.WriteLineAsync("Client created. Copy the secret now: it is shown only this once.");
            await console.WriteFieldsAsync(
                ("client_id", client.ClientId),
                ("client_secret", created.ClientSecret),
                ("name", client.Name),
                ("platform", client.Platform),
                ("grant_types", string.Join(", ", client.GrantTypes)),
                ("expires_at", AdminConsole.Format(client.ExpiresAt)));
            return AdminExitCode.Success;
        });
        return command;
    }

    private Command BuildList()
    {
        var json = AdminConsole.JsonOption();
        var command = new Command("list", "List every client (never a secret).") { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var summaries = await console.SendAsync(sender => sender.Send(new ListClients(), cancellationToken));
            var clients = summaries.Select(ClientOutput.From).ToList();
            if (parseResult.GetValue(json))
            {
                await console.WriteJsonAsync(clients);
                return AdminExitCode.Success;
            }

            if (clients.Count == 0)
            {
                await console.Output.WriteLineAsync(
                    "No clients yet. Register one with: clients create --name NAME --platform PLATFORM");
                return AdminExitCode.Success;
            }

            await console.WriteTableAsync(
                ["CLIENT_ID", "NAME", "PLATFORM", "GRANTS", "ACTIVE", "EXPIRES_AT", "LAST_USED_AT"],
                clients.Select(c => new[]
                {
                    c.ClientId,
                    c.Name,
                    c.Platform,
                    string.Join(",", c.GrantTypes),
                    AdminConsole.Format(c.Active),
                    AdminConsole.Format(c.ExpiresAt),
                    AdminConsole.Format(c.LastUsedAt),
                }));
            return AdminExitCode.Success;
        });
        return command;
    }

    private Command BuildShow()
    {
        var clientId = ClientIdArgument();
        var json = AdminConsole.JsonOption();
        var command = new Command("show", "Show one client (never its secret).") { clientId, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var key = parseResult.GetValue(clientId)!;
            var summary = await console.SendAsync(sender => sender.Send(new GetClient(key), cancellationToken));
            return summary is null
                ? await NotFoundAsync(key)
                : await WriteClientAsync(summary, parseResult.GetValue(json));
        });
        return command;
    }

    private Command BuildUpdate()
    {
        var clientId = ClientIdArgument();
        var name = new Option<string>("--name") { Description = "A new name." };
        var grants = GrantsOption();
        var expiresAt = ExpiresAtOption();
        var noExpiry = new Option<bool>("--no-expiry") { Description = "Remove the expiry: the client never expires." };
        var json = AdminConsole.JsonOption();

        var command = new Command("update", "Change a client's name, grants or expiry; what is not given stays.")
        {
            clientId, name, grants, expiresAt, noExpiry, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            GrantTypes? allowedGrants = null;
            if (parseResult.GetValue(grants) is { } grantText)
            {
                if (!GrantNames.TryParse(grantText, out var parsed))
                {
                    return await console.UsageAsync(GrantsUsage);
                }

                allowedGrants = parsed;
            }

            var key = parseResult.GetValue(clientId)!;
            var update = new UpdateClient(
                key,
                parseResult.GetValue(name),
                allowedGrants,
                parseResult.GetValue(expiresAt)?.ToUniversalTime(),
                parseResult.GetValue(noExpiry));
            var summary = await console.SendAsync(sender => sender.Send(update, cancellationToken));
            return summary is null
                ? await NotFoundAsync(key)
                : await WriteClientAsync(summary, parseResult.GetValue(json));
        });
        return command;
    }

    private Command BuildRotateSecret()
    {
        var clientId = ClientIdArgument();
        var grace = new Option<TimeSpan>("--grace")
        {
            Description = "How long the previous secret keeps working, as d.hh:mm:ss (e.g. 14.00:00:00 for two "
                + "weeks, so shipped builds keep working while the new build rolls out). Default: it stops at once.",
            DefaultValueFactory = _ => TimeSpan.Zero,
        };
        var json = AdminConsole.JsonOption();

        var command = new Command("rotate-secret", "Give a client a new secret and print it, once.")
        {
            clientId, grace, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var key = parseResult.GetValue(clientId)!;
            var rotate = new RotateClientSecret(key, parseResult.GetValue(grace));
            var rotated = await console.SendAsync(sender => sender.Send(rotate, cancellationToken));
            if (rotated is null)
            {
                return await NotFoundAsync(key);
            }

            if (parseResult.GetValue(json))
            {
                await console.WriteJsonAsync(new RotatedSecretOutput(
                    rotated.Client.ClientId,
                    rotated.ClientSecret,
                    rotated.PreviousSecretExpiresAt));
                return AdminExitCode.Success;
            }

            await console.Output.WriteLineAsync("New secret created. Copy it now: it is shown only this once.");
            await console.WriteFieldsAsync(
                ("client_id", rotated.Client.ClientId),
                ("client_secret", rotated.ClientSecret),
                ("previous_secret_works_until", rotated.PreviousSecretExpiresAt is { } until
                    ? AdminConsole.Format(until)
                    : "no longer (stopped at once)"));
            return AdminExitCode.Success;
        });
        return command;
    }

    private Command BuildStatus(string verb, bool active, string description)
    {
        var clientId = ClientIdArgument();
        var json = AdminConsole.JsonOption();
        var command = new Command(verb, description) { clientId, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var key = parseResult.GetValue(clientId)!;
            var summary = await console.SendAsync(
                sender => sender.Send(new ChangeClientStatus(key, active), cancellationToken));
            if (summary is null)
            {
                return await NotFoundAsync(key);
            }

            if (parseResult.GetValue(json))
            {
                await console.WriteJsonAsync(ClientOutput.From(summary));
                return AdminExitCode.Success;
            }

            await console.Output.WriteLineAsync(active
                ? $"Client {key} is active."
                : $"Client {key} is deactivated; its tokens no longer work.");
            return AdminExitCode.Success;
        });
        return command;
    }

    private async Task<int> WriteClientAsync(ClientSummary summary, bool json)
    {
        var client = ClientOutput.From(summary);
        if (json)
        {
            await console.WriteJsonAsync(client);
            return AdminExitCode.Success;
        }

        await console.WriteFieldsAsync(
            ("client_id", client.ClientId),
            ("name", client.Name),
            ("platform", client.Platform),
            ("grant_types", string.Join(", ", client.GrantTypes)),
            ("active", AdminConsole.Format(client.Active)),
            ("expires_at", AdminConsole.Format(client.ExpiresAt)),
            ("created_at", AdminConsole.Format(client.CreatedAt)),
            ("last_used_at", AdminConsole.Format(client.LastUsedAt)),
            ("previous_secret_works_until", AdminConsole.Format(client.PreviousSecretExpiresAt)));
        return AdminExitCode.Success;
    }

    private Task<int> NotFoundAsync(string clientId) =>
        console.NotFoundAsync($"client has the id '{clientId}'", ListHint);

    private const string GrantsUsage = "--grants takes client_credentials, password, or both separated by a comma.";

    private static Option<string> GrantsOption() => new("--grants")
    {
        Description = "Comma-separated grants the client may use: client_credentials, password "
            + "(password also allows refresh_token).",
    };

    private static Option<DateTimeOffset?> ExpiresAtOption() => new("--expires-at")
    {
        Description = "When the client stops working (ISO 8601, e.g. 2027-06-30 or 2027-06-30T12:00:00Z).",
    };

    private static Argument<string> ClientIdArgument() =>
        new("CLIENT_ID") { Description = "The client's public key, as apps send it in client_id (ca_ck_...)." };
}
