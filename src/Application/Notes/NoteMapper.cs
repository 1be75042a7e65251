using CleanAuth.Domain.Notes;
using Riok.Mapperly.Abstractions;

namespace CleanAuth.Application.Notes;

[Mapper]
public static partial class NoteMapper
{
    [MapperIgnoreSource(nameof(Note.OwnerId))]
    public static partial NoteDto ToDto(this Note note);

    public static partial IQueryable<NoteDto> ProjectToDto(this IQueryable<Note> notes);
}
