using CleanAuth.Domain.Notes;

namespace CleanAuth.Domain.UnitTests;

public sealed class NoteTests
{
    [Fact]
    public void A_note_belongs_to_the_user_who_wrote_it()
    {
        var owner = Guid.NewGuid();

        var note = Note.Write(owner, "Groceries", "Milk", DateTimeOffset.UnixEpoch);

        note.IsOwnedBy(owner).Should().BeTrue();
        note.IsOwnedBy(Guid.NewGuid()).Should().BeFalse();
    }
}
