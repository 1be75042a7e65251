using System.Net;
using System.Net.Http.Json;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Notes;

public sealed class NotesTests(DatabaseFixture database) : IntegrationTest(database)
{
    private async Task<HttpResponseMessage> CreateNoteAsync(string token, object note)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/notes") { Content = JsonContent.Create(note) };
        request.Headers.Authorization = Bearer(token);
        return await Http.SendAsync(request, Cancellation);
    }

    [Fact]
    public async Task A_created_note_is_201_with_its_location_and_can_be_read_back()
    {
        var (_, token) = await SignedInUserAsync();

        using var created = await CreateNoteAsync(token, new { title = "Groceries", body = "Milk, bread" });

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var note = await ReadJsonAsync(created);
        var id = note.GetProperty("id").GetGuid();
        created.Headers.Location!.AbsolutePath.Should().Be($"/api/v1/notes/{id}");

        using var read = await GetAsync($"/api/v1/notes/{id}", token);
        read.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(read)).GetProperty("title").GetString().Should().Be("Groceries");
    }

    [Fact]
    public async Task Users_see_only_their_own_notes_and_another_users_note_is_404()
    {
        var (client, aliceToken) = await SignedInUserAsync("alice");
        using var signUp = await SignUpAsync(await GetClientTokenAsync(client), "bob");
        var bobToken = await GetUserTokenAsync(client, "bob");
        using var alicesNote = await CreateNoteAsync(aliceToken, new { title = "Alice's", body = "private" });
        var alicesNoteId = (await ReadJsonAsync(alicesNote)).GetProperty("id").GetGuid();

        using var bobsList = await GetAsync("/api/v1/notes", bobToken);
        using var bobReadsAlicesNote = await GetAsync($"/api/v1/notes/{alicesNoteId}", bobToken);
        using var alicesList = await GetAsync("/api/v1/notes", aliceToken);

        (await ReadJsonAsync(bobsList)).GetArrayLength().Should().Be(0);
        bobReadsAlicesNote.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await ReadJsonAsync(alicesList)).GetArrayLength().Should().Be(1);
    }

    [Theory]
    [InlineData("/api/v1/notes/00000000-0000-0000-0000-000000000000")]
    [InlineData("/api/v1/notes/not-a-guid")]
    public async Task Unknown_notes_are_404(string path)
    {
        var (_, token) = await SignedInUserAsync();

        using var response = await GetAsync(path, token);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_note_without_a_title_is_a_validation_problem()
    {
        var (_, token) = await SignedInUserAsync();

        using var response = await CreateNoteAsync(token, new { body = "no title" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty("title", out _).Should().BeTrue();
    }
}
