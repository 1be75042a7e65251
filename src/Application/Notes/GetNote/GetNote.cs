using CleanAuth.Application.Common.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Application.Notes.GetNote;

/// <summary>
/// One note of the caller's. Another user's note is not found rather than forbidden, so its
/// existence is not revealed.
/// </summary>
public sealed record GetNote(Guid OwnerId, Guid NoteId) : IQuery<NoteDto?>;

public sealed class GetNoteHandler(IApplicationDbContext db) : IQueryHandler<GetNote, NoteDto?>
{
    public async ValueTask<NoteDto?> Handle(GetNote query, CancellationToken cancellationToken) =>
        await db.Notes
            .AsNoTracking()
            .Where(n => n.Id == query.NoteId && n.OwnerId == query.OwnerId)
            .ProjectToDto()
            .SingleOrDefaultAsync(cancellationToken);
}
