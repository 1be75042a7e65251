using System.Net;
using System.Text.Json;
using CleanAuth.Application.Users.Administration;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Lifecycle;

public sealed class RevocationTests(DatabaseFixture database) : IntegrationTest(database)
{
    private Task<HttpResponseMessage> RevokeAsync(TestClient client, string token, string? hint = null)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("token", token) };
        if (hint is not null)
        {
            parameters.Add(new("token_type_hint", hint));
        }

        return PostOAuthAsync("/oauth/revoke", parameters, Basic(client));
    }

    [Fact]
    public async Task A_revoked_access_token_stops_working_and_revoking_again_is_fine()
    {
        var client = await CreateClientAsync();
        var token = await GetClientTokenAsync(client);

        using var first = await RevokeAsync(client, token);
        using var again = await RevokeAsync(client, token, "access_token");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        again.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await StatusOfAsync("/api/v1/announcements", token)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("refresh_token")]
    [InlineData("access_token")]
    public async Task Revoking_a_refresh_token_ends_its_session_whatever_the_hint(string? hint)
    {
        var client = await SignedUpUserAsync();
        var pair = await SignInAsync(client, "alice");

        using var response = await RevokeAsync(client, pair.RefreshToken, hint);
        using var refresh = await RefreshAsync(client, pair.RefreshToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        refresh.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await StatusOfAsync("/api/v1/users/me", pair.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("ca_at_unknown")]
    [InlineData("ca_rt_unknown")]
    [InlineData("garbage with spaces")]
    public async Task Unknown_tokens_are_accepted_silently(string token)
    {
        var client = await CreateClientAsync();

        using var response = await RevokeAsync(client, token);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_client_cannot_revoke_another_clients_tokens()
    {
        var owner = await SignedUpUserAsync();
        var other = await CreateClientAsync(name: "iOS 3.1");
        var clientToken = await GetClientTokenAsync(owner);
        var pair = await SignInAsync(owner, "alice");

        using var accessAttempt = await RevokeAsync(other, clientToken);
        using var refreshAttempt = await RevokeAsync(other, pair.RefreshToken);

        accessAttempt.StatusCode.Should().Be(HttpStatusCode.OK);
        refreshAttempt.StatusCode.Should().Be(HttpStatusCode.OK);
        (await StatusOfAsync("/api/v1/announcements", clientToken)).Should().Be(HttpStatusCode.OK);
        using var refresh = await RefreshAsync(owner, pair.RefreshToken);
        refresh.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Revocation_needs_client_authentication_and_a_token()
    {
        var client = await CreateClientAsync();

        using var anonymous = await PostOAuthAsync("/oauth/revoke", [new("token", "ca_at_x")]);
        using var wrongSecret = await RevokeAsync(client with { ClientSecret = "ca_cs_wrong" }, "ca_at_x");
        using var noToken = await PostOAuthAsync("/oauth/revoke", [], Basic(client));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrongSecret.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ReadJsonAsync(wrongSecret)).GetProperty("error").GetString().Should().Be("invalid_client");
        noToken.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(noToken)).GetProperty("error").GetString().Should().Be("invalid_request");
    }
}

public sealed class IntrospectionTests(DatabaseFixture database) : IntegrationTest(database)
{
    private async Task<JsonElement> IntrospectAsync(TestClient client, string token)
    {
        using var response = await PostOAuthAsync("/oauth/introspect", [new("token", token)], Basic(client));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        return await ReadJsonAsync(response);
    }

    private static void ShouldBeInactive(JsonElement body) =>
        body.GetRawText().Should().Be("{\"active\":false}");

    [Fact]
    public async Task An_active_user_token_is_described()
    {
        var client = await SignedUpUserAsync();
        var pair = await SignInAsync(client, "alice");

        var body = await IntrospectAsync(client, pair.AccessToken);

        body.GetProperty("active").GetBoolean().Should().BeTrue();
        body.GetProperty("client_id").GetString().Should().Be(client.ClientId);
        body.GetProperty("username").GetString().Should().Be("alice");
        body.GetProperty("sub").GetString().Should().NotBeNullOrEmpty();
        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        var issuedAt = body.GetProperty("iat").GetInt64();
        body.GetProperty("exp").GetInt64().Should().Be(issuedAt + 900);
    }

    [Fact]
    public async Task An_active_client_token_has_no_user()
    {
        var client = await CreateClientAsync();

        var body = await IntrospectAsync(client, await GetClientTokenAsync(client));

        body.GetProperty("active").GetBoolean().Should().BeTrue();
        body.TryGetProperty("username", out _).Should().BeFalse();
    }

    [Fact]
    public async Task An_unused_refresh_token_is_active_and_a_used_one_is_not()
    {
        var client = await SignedUpUserAsync();
        var pair = await SignInAsync(client, "alice");

        var before = await IntrospectAsync(client, pair.RefreshToken);
        using var refresh = await RefreshAsync(client, pair.RefreshToken);
        var after = await IntrospectAsync(client, pair.RefreshToken);

        before.GetProperty("active").GetBoolean().Should().BeTrue();
        before.GetProperty("token_type").GetString().Should().Be("refresh_token");
        ShouldBeInactive(after);
    }

    [Fact]
    public async Task Unusable_tokens_are_inactive_and_nothing_more()
    {
        var client = await SignedUpUserAsync("alice");
        await SignedUpUserAsync("bob", client);
        var other = await CreateClientAsync(name: "iOS 3.1");
        var expiring = await GetClientTokenAsync(client);
        var revoked = await GetClientTokenAsync(client);
        using var revocation = await PostOAuthAsync("/oauth/revoke", [new("token", revoked)], Basic(client));
        var othersToken = await GetClientTokenAsync(other);
        var bob = await SignInAsync(client, "bob");
        await SendAsync(sender => sender.Send(new ChangeUserStatus("bob", Active: false), Cancellation));
        Time.Advance(TimeSpan.FromHours(1));

        ShouldBeInactive(await IntrospectAsync(client, expiring));
        ShouldBeInactive(await IntrospectAsync(client, revoked));
        ShouldBeInactive(await IntrospectAsync(client, othersToken));
        ShouldBeInactive(await IntrospectAsync(client, bob.RefreshToken));
        ShouldBeInactive(await IntrospectAsync(client, "garbage"));
    }

    [Fact]
    public async Task Introspection_needs_client_authentication()
    {
        using var response = await PostOAuthAsync("/oauth/introspect", [new("token", "ca_at_x")]);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_client");
    }
}
