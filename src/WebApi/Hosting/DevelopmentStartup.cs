using CleanAuth.Application.Clients.ListClients;
using CleanAuth.Application.Clients.RegisterClient;
using CleanAuth.Domain.Clients;
using CleanAuth.Infrastructure.Persistence;
using Mediator;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CleanAuth.WebApi.Hosting;

/// <summary>Prepares the database when the server starts, and the demo client in Development.</summary>
internal static class DevelopmentStartup
{
    public const string DemoClientName = "Demo (development)";

    /// <summary>
    /// Applies pending migrations when <c>Database:MigrateOnStartup</c> is set (the default in
    /// Development). In production, run the <c>migrate</c> verb as a release step instead, so
    /// that several instances starting at once do not race to change the schema.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var migrate = app.Configuration.GetValue("Database:MigrateOnStartup", app.Environment.IsDevelopment());
        if (!migrate)
        {
            return;
        }

        await app.Services.MigrateDatabaseAsync();

        if (app.Environment.IsDevelopment() && app.Configuration.GetValue("DemoClient:Enabled", true))
        {
            await EnsureDemoClientAsync(app);
        }
    }

    /// <summary>
    /// On the first start against an empty database, registers a client so that the API can be
    /// tried at once, and shows its secret on the console this one time. The secret is written
    /// to the console, not to the log, like the admin verbs' output.
    /// </summary>
    private static async Task EnsureDemoClientAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();

        var clients = await sender.Send(new ListClients());
        var demo = clients.FirstOrDefault(c => c.Name == DemoClientName);
        if (demo is not null)
        {
            app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(
                $"""

                Demo client: {demo.ClientId} (its secret was shown when it was created).
                Register another client, with a new secret, with:
                  dotnet run --project src/WebApi -- clients create --name "My app" --platform android

                """));
            return;
        }

        if (clients.Count > 0)
        {
            return;
        }

        var created = await sender.Send(new RegisterClient(
            DemoClientName,
            ClientPlatform.Server,
            GrantTypes.ClientCredentials | GrantTypes.Password,
            ExpiresAt: null));

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?
                .Addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
            var tryIt = $"curl -s -u '{created.Client.ClientId}:{created.ClientSecret}'"
                + $" -d grant_type=client_credentials {baseUrl}/oauth/token";
            Console.WriteLine(
                $"""

                A demo client was created for local development. Copy its secret now: it is shown only once.
                  client_id:     {created.Client.ClientId}
                  client_secret: {created.ClientSecret}
                Try it:
                  {tryIt}

                """);
        });
    }
}
