namespace CleanAuth.Domain.Notes;

/// <summary>A sample per-user resource: a note only its owner can see.</summary>
public sealed class Note
{
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 10_000;

    private Note(Guid id, Guid ownerId, string title, string body, DateTimeOffset createdAt)
    {
        Id = id;
        OwnerId = ownerId;
        Title = title;
        Body = body;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public Guid OwnerId { get; private set; }

    public string Title { get; private set; }

    public string Body { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Note Write(Guid ownerId, string title, string body, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(body);

        return new Note(Guid.CreateVersion7(now), ownerId, title, body, now);
    }

    public bool IsOwnedBy(Guid userId) => OwnerId == userId;
}
