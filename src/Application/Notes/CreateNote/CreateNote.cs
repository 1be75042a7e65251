using CleanAuth.Application.Common.Persistence;
using CleanAuth.Domain.Notes;
using Mediator;

namespace CleanAuth.Application.Notes.CreateNote;

public sealed record CreateNote(Guid OwnerId, string Title, string Body) : ICommand<NoteDto>;

public sealed class CreateNoteHandler(IApplicationDbContext db, TimeProvider timeProvider)
    : ICommandHandler<CreateNote, NoteDto>
{
    public async ValueTask<NoteDto> Handle(CreateNote command, CancellationToken cancellationToken)
    {
        var note = Note.Write(command.OwnerId, command.Title.Trim(), command.Body, timeProvider.GetUtcNow());

        db.Notes.Add(note);
        await db.SaveChangesAsync(cancellationToken);

        return note.ToDto();
    }
}
