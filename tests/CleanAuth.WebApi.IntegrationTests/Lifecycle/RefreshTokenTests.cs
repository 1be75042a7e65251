using System.Net;
using CleanAuth.Application.Clients.ChangeClientStatus;
using CleanAuth.Application.Users.Administration;
using CleanAuth.Domain.Clients;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Npgsql;

namespace CleanAuth.WebApi.IntegrationTests.Lifecycle;

public sealed class RefreshTokenTests(DatabaseFixture database) : IntegrationTest(database)
{
    private const string Me = "/api/v1/users/me";

    private static async Task ShouldBeInvalidGrantAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_grant");
    }

    [Fact]
    public async Task A_refresh_hands_out_a_new_pair_and_the_old_refresh_token_is_spent()
    {
        var client = await SignedUpUserAsync();
        var first = await SignInAsync(client, "alice");

        using var refreshed = await RefreshAsync(client, first.RefreshToken);
        var second = await ReadTokenPairAsync(refreshed);

        second.RefreshToken.Should().StartWith("ca_rt_").And.NotBe(first.RefreshToken);
        second.AccessToken.Should().NotBe(first.AccessToken);
        (await StatusOfAsync(Me, second.AccessToken)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Presenting_a_used_refresh_token_ends_the_whole_session()
    {
        var client = await SignedUpUserAsync();
        var first = await SignInAsync(client, "alice");
        using var refreshed = await RefreshAsync(client, first.RefreshToken);
        var second = await ReadTokenPairAsync(refreshed);

        using var replay = await RefreshAsync(client, first.RefreshToken);
        using var successor = await RefreshAsync(client, second.RefreshToken);

        await ShouldBeInvalidGrantAsync(replay);
        await ShouldBeInvalidGrantAsync(successor);
        (await StatusOfAsync(Me, second.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await StatusOfAsync(Me, first.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        Factory.Logs.Events.Should().Contain(e => e.Properties.ContainsKey("SessionId")
            && e.MessageTemplate.Text.Contains("used refresh token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Parallel_refreshes_with_one_token_leave_at_most_one_successor_and_no_server_error()
    {
        var client = await SignedUpUserAsync();
        var pair = await SignInAsync(client, "alice");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RefreshAsync(client, pair.RefreshToken)));

        responses.Should().OnlyContain(
            r => r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.BadRequest);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().BeLessThanOrEqualTo(1);
        await using var connection = await Database.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM refresh_tokens", connection);
        ((long)(await count.ExecuteScalarAsync(Cancellation))!).Should().BeLessThanOrEqualTo(2);
    }

    [Fact]
    public async Task A_refresh_token_works_only_for_its_own_client_and_another_clients_attempt_changes_nothing()
    {
        var client = await SignedUpUserAsync();
        var other = await CreateClientAsync(name: "iOS 3.1");
        var pair = await SignInAsync(client, "alice");

        using var stolen = await RefreshAsync(other, pair.RefreshToken);
        using var owner = await RefreshAsync(client, pair.RefreshToken);

        await ShouldBeInvalidGrantAsync(stolen);
        owner.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_session_lives_its_lifetime_from_sign_in_and_rotation_does_not_extend_it()
    {
        var client = await SignedUpUserAsync();
        var pair = await SignInAsync(client, "alice");

        Time.Advance(TimeSpan.FromDays(20));
        using var inTime = await RefreshAsync(client, pair.RefreshToken);
        var rotated = await ReadTokenPairAsync(inTime);
        Time.Advance(TimeSpan.FromDays(10));
        using var tooLate = await RefreshAsync(client, rotated.RefreshToken);

        await ShouldBeInvalidGrantAsync(tooLate);
    }

    [Fact]
    public async Task An_access_token_never_outlives_its_session()
    {
        var client = await SignedUpUserAsync();
        var pair = await SignInAsync(client, "alice");
        Time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(5));

        using var refreshed = await RefreshAsync(client, pair.RefreshToken);

        (await ReadJsonAsync(refreshed)).GetProperty("expires_in").GetInt64().Should().Be(300);
    }

    [Fact]
    public async Task A_deactivated_or_deleted_user_cannot_refresh()
    {
        var client = await SignedUpUserAsync("alice");
        await SignedUpUserAsync("bob", client);
        var alice = await SignInAsync(client, "alice");
        var bob = await SignInAsync(client, "bob");

        await SendAsync(sender => sender.Send(new ChangeUserStatus("alice", Active: false), Cancellation));
        await SendAsync(sender => sender.Send(new DeleteUser("bob"), Cancellation));
        using var aliceRefresh = await RefreshAsync(client, alice.RefreshToken);
        using var bobRefresh = await RefreshAsync(client, bob.RefreshToken);

        await ShouldBeInvalidGrantAsync(aliceRefresh);
        await ShouldBeInvalidGrantAsync(bobRefresh);
    }

    [Fact]
    public async Task A_deactivated_client_cannot_refresh_and_reactivation_does_not_revive_its_sessions()
    {
        var client = await SignedUpUserAsync();
        var pair = await SignInAsync(client, "alice");
        Time.Advance(TimeSpan.FromSeconds(1));

        await SendAsync(sender => sender.Send(new ChangeClientStatus(client.ClientId, Active: false), Cancellation));
        Time.Advance(TimeSpan.FromSeconds(1));
        await SendAsync(sender => sender.Send(new ChangeClientStatus(client.ClientId, Active: true), Cancellation));
        using var refresh = await RefreshAsync(client, pair.RefreshToken);

        await ShouldBeInvalidGrantAsync(refresh);
        (await SignInAsync(client, "alice")).AccessToken.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task The_refresh_grant_needs_its_parameter_and_the_password_grant()
    {
        var clientOnly = await CreateClientAsync(GrantTypes.ClientCredentials);

        using var missing = await PostTokenAsync([new("grant_type", "refresh_token")], Basic(clientOnly));
        using var notAllowed = await RefreshAsync(clientOnly, "ca_rt_whatever");

        (await ReadJsonAsync(missing)).GetProperty("error").GetString().Should().Be("invalid_request");
        (await ReadJsonAsync(notAllowed)).GetProperty("error").GetString().Should().Be("unauthorized_client");
    }

    [Fact]
    public async Task Unknown_refresh_tokens_are_invalid_grant()
    {
        var client = await CreateClientAsync();

        using var response = await RefreshAsync(client, "ca_rt_" + new string('A', 43));

        await ShouldBeInvalidGrantAsync(response);
    }
}
