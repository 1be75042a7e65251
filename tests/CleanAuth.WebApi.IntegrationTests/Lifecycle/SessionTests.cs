using System.Net;
using System.Net.Http.Json;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Lifecycle;

public sealed class SessionTests(DatabaseFixture database) : IntegrationTest(database)
{
    private const string Me = "/api/v1/users/me";

    private Task<HttpResponseMessage> SendAsUserAsync(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = Bearer(token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return Http.SendAsync(request, Cancellation);
    }

    [Fact]
    public async Task Changing_the_password_ends_every_other_session_and_keeps_this_one()
    {
        var client = await SignedUpUserAsync();
        var phone = await SignInAsync(client, "alice");
        var laptop = await SignInAsync(client, "alice");
        const string newPassword = "a brand new passphrase";

        using var change = await SendAsUserAsync(
            HttpMethod.Post,
            "/api/v1/users/me/password",
            phone.AccessToken,
            new { currentPassword = StrongPassword, newPassword });

        change.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await StatusOfAsync(Me, phone.AccessToken)).Should().Be(HttpStatusCode.OK);
        (await StatusOfAsync(Me, laptop.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        using (var laptopRefresh = await RefreshAsync(client, laptop.RefreshToken))
        {
            laptopRefresh.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        using (var phoneRefresh = await RefreshAsync(client, phone.RefreshToken))
        {
            phoneRefresh.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await SignInAsync(client, "alice", newPassword)).AccessToken.Should().NotBeNullOrEmpty();
        using var oldPassword = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", StrongPassword)],
            Basic(client));
        oldPassword.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("not my password", "a brand new passphrase", "currentPassword")]
    [InlineData(StrongPassword, "password123", "newPassword")]
    [InlineData(StrongPassword, "short", "newPassword")]
    public async Task A_refused_password_change_names_the_field_and_ends_nothing(
        string currentPassword,
        string newPassword,
        string field)
    {
        var client = await SignedUpUserAsync();
        var phone = await SignInAsync(client, "alice");
        var laptop = await SignInAsync(client, "alice");

        using var change = await SendAsUserAsync(
            HttpMethod.Post,
            "/api/v1/users/me/password",
            phone.AccessToken,
            new { currentPassword, newPassword });

        change.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(change)).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
        (await StatusOfAsync(Me, laptop.AccessToken)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_this_one_included()
    {
        var client = await SignedUpUserAsync();
        var phone = await SignInAsync(client, "alice");
        var laptop = await SignInAsync(client, "alice");

        using var signOut = await SendAsUserAsync(HttpMethod.Delete, "/api/v1/users/me/sessions", phone.AccessToken);

        signOut.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await StatusOfAsync(Me, phone.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await StatusOfAsync(Me, laptop.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        using var refresh = await RefreshAsync(client, laptop.RefreshToken);
        refresh.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        Time.Advance(TimeSpan.FromSeconds(1));
        (await SignInAsync(client, "alice")).AccessToken.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Signing_out_here_ends_this_session_only()
    {
        var client = await SignedUpUserAsync();
        var phone = await SignInAsync(client, "alice");
        var laptop = await SignInAsync(client, "alice");

        using var signOut = await SendAsUserAsync(
            HttpMethod.Delete,
            "/api/v1/users/me/sessions/current",
            phone.AccessToken);

        signOut.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await StatusOfAsync(Me, phone.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        using var phoneRefresh = await RefreshAsync(client, phone.RefreshToken);
        phoneRefresh.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await StatusOfAsync(Me, laptop.AccessToken)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_harmless_change_to_the_user_ends_nothing()
    {
        var client = await SignedUpUserAsync();
        var pair = await SignInAsync(client, "alice");

        // A failed sign-in writes to the user (its failure count) without changing who they are.
        using var wrong = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", "not the password")],
            Basic(client));
        await SignInAsync(client, "alice");

        (await StatusOfAsync(Me, pair.AccessToken)).Should().Be(HttpStatusCode.OK);
        using var refresh = await RefreshAsync(client, pair.RefreshToken);
        refresh.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_out_everywhere_in_parallel_never_fails()
    {
        var client = await SignedUpUserAsync();
        var sessions = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SignInAsync(client, "alice")));

        var responses = await Task.WhenAll(sessions.Select(session =>
            SendAsUserAsync(HttpMethod.Delete, "/api/v1/users/me/sessions", session.AccessToken)));

        responses.Should().OnlyContain(r =>
            r.StatusCode == HttpStatusCode.NoContent || r.StatusCode == HttpStatusCode.Unauthorized);
        responses.Should().Contain(r => r.StatusCode == HttpStatusCode.NoContent);
    }
}
