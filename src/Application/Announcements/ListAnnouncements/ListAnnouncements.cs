using Mediator;

namespace CleanAuth.Application.Announcements.ListAnnouncements;

public sealed record AnnouncementDto(string Id, string Title, string Body, DateTimeOffset PublishedAt);

/// <summary>
/// A sample resource for any genuine app, signed in or not: the kind of thing an app shows
/// before sign-in (news, app configuration, a public catalogue).
/// </summary>
public sealed record ListAnnouncements : IQuery<IReadOnlyList<AnnouncementDto>>;

public sealed class ListAnnouncementsHandler : IQueryHandler<ListAnnouncements, IReadOnlyList<AnnouncementDto>>
{
    private static readonly AnnouncementDto[] Announcements =
    [
        new(
            "welcome",
            "Welcome to CleanAuth",
            "Any registered app can read this with a client token; no user needs to sign in.",
            new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)),
    ];

    public ValueTask<IReadOnlyList<AnnouncementDto>> Handle(
        ListAnnouncements query,
        CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<AnnouncementDto>>(Announcements);
}
