using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Persistence;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Clients;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Clients.RegisterClient;

/// <summary>Registers an app build as an API client and creates its first secret.</summary>
public sealed record RegisterClient(
    string Name,
    ClientPlatform Platform,
    GrantTypes AllowedGrants,
    DateTimeOffset? ExpiresAt) : ICommand<RegisteredClient>;

/// <summary>A new client with its secret: the only time the secret exists outside the app.</summary>
public sealed record RegisteredClient(ClientSummary Client, string ClientSecret)
{
    public override string ToString() => $"{nameof(RegisteredClient)} {{ Client = {Client} }}";
}

public sealed class RegisterClientHandler(
    IApplicationDbContext db,
    ICredentialGenerator credentialGenerator,
    ISecretHasher secretHasher,
    TimeProvider timeProvider,
    ILogger<RegisterClientHandler> logger) : ICommandHandler<RegisterClient, RegisteredClient>
{
    public async ValueTask<RegisteredClient> Handle(RegisterClient command, CancellationToken cancellationToken)
    {
        var secret = credentialGenerator.NewClientSecret();
        var client = ApiClient.Register(
            command.Name.Trim(),
            command.Platform,
            credentialGenerator.NewClientKey(),
            secretHasher.Hash(secret),
            command.AllowedGrants,
            command.ExpiresAt,
            timeProvider.GetUtcNow());

        db.ApiClients.Add(client);
        await db.SaveChangesAsync(cancellationToken);

        logger.ClientRegistered(client.ClientKey, client.Platform);
        return new RegisteredClient(client.ToSummary(), secret);
    }
}
