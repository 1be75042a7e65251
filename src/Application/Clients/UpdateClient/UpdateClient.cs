using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Persistence;
using CleanAuth.Domain.Clients;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Clients.UpdateClient;

/// <summary>Changes a client's name, grants or expiry; what is <c>null</c> stays as it is.</summary>
public sealed record UpdateClient(
    string ClientKey,
    string? Name,
    GrantTypes? AllowedGrants,
    DateTimeOffset? ExpiresAt,
    bool ClearExpiry) : ICommand<ClientSummary?>, IChangesTokenState;

public sealed class UpdateClientHandler(
    IApplicationDbContext db,
    TimeProvider timeProvider,
    ILogger<UpdateClientHandler> logger) : ICommandHandler<UpdateClient, ClientSummary?>
{
    public async ValueTask<ClientSummary?> Handle(UpdateClient command, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.ClientKey == command.ClientKey, cancellationToken);
        if (client is null)
        {
            return null;
        }

        client.Update(
            command.Name,
            command.AllowedGrants,
            command.ExpiresAt,
            command.ClearExpiry,
            timeProvider.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);

        logger.ClientUpdated(client.ClientKey);
        return client.ToSummary();
    }
}
