using System.Net;
using System.Net.Http.Json;
using System.Text;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Users;

public sealed class UsersTests(DatabaseFixture database) : IntegrationTest(database)
{
    private async Task<string> ClientTokenAsync() => await GetClientTokenAsync(await CreateClientAsync());

    [Fact]
    public async Task Sign_up_creates_the_user_and_answers_201()
    {
        using var response = await SignUpAsync(await ClientTokenAsync(), "alice");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.OriginalString.Should().Be("/api/v1/users/me");
        var body = await ReadJsonAsync(response);
        body.GetProperty("username").GetString().Should().Be("alice");
        body.GetProperty("id").GetGuid().Should().NotBeEmpty();
        body.TryGetProperty("password", out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("ALICE")]
    [InlineData("Alice")]
    public async Task A_taken_name_is_409_regardless_of_case(string secondName)
    {
        var clientToken = await ClientTokenAsync();
        using var first = await SignUpAsync(clientToken, "alice");

        using var second = await SignUpAsync(clientToken, secondName);

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        second.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Two_sign_ups_racing_for_one_name_give_one_201_and_one_409()
    {
        var clientToken = await ClientTokenAsync();

        var responses = await Task.WhenAll(SignUpAsync(clientToken, "racer"), SignUpAsync(clientToken, "racer"));

        responses.Select(r => r.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Created, HttpStatusCode.Conflict]);
    }

    [Theory]
    [InlineData("password123")]
    [InlineData("12345678")]
    [InlineData("Qwerty123")]
    public async Task Common_passwords_are_refused_with_a_validation_problem(string password)
    {
        using var response = await SignUpAsync(await ClientTokenAsync(), "alice", password);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await ReadJsonAsync(response);
        body.GetProperty("errors").GetProperty("password").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Theory]
    [InlineData("alice", "short", "password")]
    [InlineData("a", StrongPassword, "username")]
    [InlineData("with space", StrongPassword, "username")]
    [InlineData("", StrongPassword, "username")]
    public async Task Invalid_fields_are_named_in_the_problem(string username, string password, string field)
    {
        using var response = await SignUpAsync(await ClientTokenAsync(), username, password);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task A_password_of_129_characters_is_refused_and_128_accepted()
    {
        var clientToken = await ClientTokenAsync();

        using var tooLong = await SignUpAsync(clientToken, "alice", new string('k', 129));
        using var longest = await SignUpAsync(clientToken, "bob", "kx" + new string('q', 126));

        tooLong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        longest.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("{\"username\": \"alice\", ")]
    [InlineData("{\"username\": 42, \"password\": \"correct horse\"}")]
    [InlineData("[]")]
    [InlineData("")]
    public async Task Malformed_bodies_are_400_problems_and_create_nothing(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = Bearer(await ClientTokenAsync());

        using var response = await Http.SendAsync(request, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        await using var connection = await Database.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM users", connection);
        ((long)(await count.ExecuteScalarAsync(Cancellation))!).Should().Be(0);
    }

    [Fact]
    public async Task The_signed_in_user_sees_their_profile()
    {
        var (_, userToken) = await SignedInUserAsync("alice");

        using var response = await GetAsync("/api/v1/users/me", userToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await ReadJsonAsync(response)).GetProperty("username").GetString().Should().Be("alice");
    }

    [Fact]
    public async Task Sign_up_needs_a_client_token()
    {
        using var response = await Http.PostAsJsonAsync(
            "/api/v1/users",
            new { username = "alice", password = StrongPassword },
            Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
