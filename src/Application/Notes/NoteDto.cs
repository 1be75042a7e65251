namespace CleanAuth.Application.Notes;

public sealed record NoteDto(Guid Id, string Title, string Body, DateTimeOffset CreatedAt);
