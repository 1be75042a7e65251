using CleanAuth.Application.Common.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Application.Clients.ListClients;

public sealed record ListClients : IQuery<IReadOnlyList<ClientSummary>>;

public sealed class ListClientsHandler(IApplicationDbContext db)
    : IQueryHandler<ListClients, IReadOnlyList<ClientSummary>>
{
    public async ValueTask<IReadOnlyList<ClientSummary>> Handle(
        ListClients query,
        CancellationToken cancellationToken) =>
        await db.ApiClients
            .AsNoTracking()
            .OrderBy(c => c.CreatedAt)
            .ProjectToSummary()
            .ToListAsync(cancellationToken);
}
