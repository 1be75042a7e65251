using CleanAuth.Application.Common.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Application.Clients.GetClient;

/// <summary>Finds a client by the public key apps send as <c>client_id</c>.</summary>
public sealed record GetClient(string ClientKey) : IQuery<ClientSummary?>;

public sealed class GetClientHandler(IApplicationDbContext db) : IQueryHandler<GetClient, ClientSummary?>
{
    public async ValueTask<ClientSummary?> Handle(GetClient query, CancellationToken cancellationToken) =>
        await db.ApiClients
            .AsNoTracking()
            .Where(c => c.ClientKey == query.ClientKey)
            .ProjectToSummary()
            .SingleOrDefaultAsync(cancellationToken);
}
