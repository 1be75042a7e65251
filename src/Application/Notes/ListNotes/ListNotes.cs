using CleanAuth.Application.Common.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Application.Notes.ListNotes;

/// <summary>The caller's own notes, newest first.</summary>
public sealed record ListNotes(Guid OwnerId) : IQuery<IReadOnlyList<NoteDto>>;

public sealed class ListNotesHandler(IApplicationDbContext db) : IQueryHandler<ListNotes, IReadOnlyList<NoteDto>>
{
    public async ValueTask<IReadOnlyList<NoteDto>> Handle(ListNotes query, CancellationToken cancellationToken) =>
        await db.Notes
            .AsNoTracking()
            .Where(n => n.OwnerId == query.OwnerId)
            .OrderByDescending(n => n.CreatedAt)
            .ProjectToDto()
            .ToListAsync(cancellationToken);
}
