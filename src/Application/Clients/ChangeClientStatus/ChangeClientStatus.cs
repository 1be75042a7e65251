using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Clients.ChangeClientStatus;

/// <summary>
/// Switches a client off or on. Switching off ends every token obtained through it at once;
/// switching on again does not revive them.
/// </summary>
public sealed record ChangeClientStatus(string ClientKey, bool Active) : ICommand<ClientSummary?>, IChangesTokenState;

public sealed class ChangeClientStatusHandler(
    IApplicationDbContext db,
    TimeProvider timeProvider,
    ILogger<ChangeClientStatusHandler> logger) : ICommandHandler<ChangeClientStatus, ClientSummary?>
{
    public async ValueTask<ClientSummary?> Handle(ChangeClientStatus command, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.ClientKey == command.ClientKey, cancellationToken);
        if (client is null)
        {
            return null;
        }

        if (command.Active)
        {
            client.Activate();
        }
        else
        {
            client.Deactivate(timeProvider.GetUtcNow());
        }

        await db.SaveChangesAsync(cancellationToken);

        if (command.Active)
        {
            logger.ClientActivated(client.ClientKey);
        }
        else
        {
            logger.ClientDeactivated(client.ClientKey);
        }

        return client.ToSummary();
    }
}
