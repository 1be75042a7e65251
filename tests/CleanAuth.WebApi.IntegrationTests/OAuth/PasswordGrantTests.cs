using System.Net;
using CleanAuth.Domain.Clients;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.OAuth;

public sealed class PasswordGrantTests(DatabaseFixture database) : IntegrationTest(database)
{
    private async Task<TestClient> ClientWithUserAsync(string username = "alice")
    {
        var client = await CreateClientAsync();
        using var signUp = await SignUpAsync(await GetClientTokenAsync(client), username);
        signUp.StatusCode.Should().Be(HttpStatusCode.Created);
        return client;
    }

    [Fact]
    public async Task A_signed_up_user_signs_in_through_an_authenticated_client()
    {
        var client = await ClientWithUserAsync();

        using var response = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", StrongPassword)],
            Basic(client));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = await ReadJsonAsync(response);
        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        body.GetProperty("expires_in").GetInt64().Should().Be(900);
    }

    [Fact]
    public async Task User_names_match_regardless_of_case()
    {
        var client = await ClientWithUserAsync("Alice");

        using var response = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "ALICE"), new("password", StrongPassword)],
            Basic(client));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_user_and_a_wrong_password_get_the_same_answer()
    {
        var client = await ClientWithUserAsync();

        using var unknownUser = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "mallory"), new("password", StrongPassword)],
            Basic(client));
        using var wrongPassword = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", "not the password")],
            Basic(client));

        unknownUser.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        wrongPassword.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var unknownUserBody = await unknownUser.Content.ReadAsStringAsync(Cancellation);
        unknownUserBody.Should().Be(await wrongPassword.Content.ReadAsStringAsync(Cancellation));
        (await ReadJsonAsync(unknownUser)).GetProperty("error").GetString().Should().Be("invalid_grant");
    }

    [Fact]
    public async Task A_wrong_client_secret_fails_before_the_password_is_looked_at()
    {
        var client = await ClientWithUserAsync();

        using var response = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", StrongPassword)],
            Basic(client with { ClientSecret = "ca_cs_wrong" }));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_client");
    }

    [Fact]
    public async Task A_client_without_the_password_grant_cannot_sign_users_in()
    {
        var client = await CreateClientAsync(GrantTypes.ClientCredentials);

        using var response = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", StrongPassword)],
            Basic(client));

        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("unauthorized_client");
    }

    [Theory]
    [InlineData("username")]
    [InlineData("password")]
    public async Task The_password_grant_needs_both_user_name_and_password(string missing)
    {
        var client = await ClientWithUserAsync();
        var parameters = new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = "alice",
            ["password"] = StrongPassword,
        };
        parameters.Remove(missing);

        using var response = await PostTokenAsync(parameters, Basic(client));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_request");
    }

    [Fact]
    public async Task After_five_wrong_passwords_even_the_right_one_is_refused()
    {
        var client = await ClientWithUserAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await PostTokenAsync(
                [new("grant_type", "password"), new("username", "alice"), new("password", "not the password")],
                Basic(client));
            wrong.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        using var right = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", StrongPassword)],
            Basic(client));

        right.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(right)).GetProperty("error").GetString().Should().Be("invalid_grant");
    }

    [Fact]
    public async Task Wrong_passwords_sent_in_parallel_are_all_counted_and_lock_the_account()
    {
        var client = await ClientWithUserAsync();

        var guesses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", $"wrong guess {i}")],
            Basic(client))));
        using var right = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", StrongPassword)],
            Basic(client));

        guesses.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.BadRequest);
        right.StatusCode.Should().Be(HttpStatusCode.BadRequest, "twelve wrong passwords must lock the account");
    }

    [Fact]
    public async Task Parallel_sign_ins_of_one_user_all_succeed()
    {
        var client = await ClientWithUserAsync();
        using var wrong = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", "one wrong guess")],
            Basic(client));

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", StrongPassword)],
            Basic(client))));

        responses.Select(r => r.StatusCode).Should().OnlyContain(status => status == HttpStatusCode.OK);
    }
}
