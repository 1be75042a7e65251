using System.Net;
using CleanAuth.Application.Tokens.PurgeExpiredTokens;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Npgsql;

namespace CleanAuth.WebApi.IntegrationTests.Lifecycle;

public sealed class HousekeepingTests(DatabaseFixture database) : IntegrationTest(database)
{
    private async Task<long> CountAsync(string table)
    {
        await using var connection = await Database.OpenAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await count.ExecuteScalarAsync(Cancellation))!;
    }

    [Fact]
    public async Task Records_long_past_expiry_go_and_revocations_still_needed_stay()
    {
        var client = await SignedUpUserAsync();
        await GetClientTokenAsync(client);
        await SignInAsync(client, "alice");
        Time.Advance(TimeSpan.FromDays(8));
        var recent = await SignInAsync(client, "alice");
        using (var revoke = await PostOAuthAsync("/oauth/revoke", [new("token", recent.AccessToken)], Basic(client)))
        {
            revoke.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var purged = await SendAsync(sender => sender.Send(new PurgeExpiredTokens(TimeSpan.FromDays(7)), Cancellation));

        // The client token that signed alice up, her first user token, and the separate client token.
        purged.AccessTokens.Should().Be(3);
        (await CountAsync("access_tokens")).Should().Be(1);
        (await StatusOfAsync("/api/v1/users/me", recent.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);

        Time.Advance(TimeSpan.FromDays(38));
        await SendAsync(sender => sender.Send(new PurgeExpiredTokens(TimeSpan.FromDays(7)), Cancellation));

        (await CountAsync("access_tokens")).Should().Be(0);
        (await CountAsync("refresh_token_families")).Should().Be(0);
        (await CountAsync("refresh_tokens")).Should().Be(0);
    }
}

public sealed class DiscoveryTests(DatabaseFixture database) : IntegrationTest(database)
{
    [Fact]
    public async Task The_metadata_lists_the_endpoints_grants_and_client_authentication_methods()
    {
        using var response = await GetAsync("/.well-known/oauth-authorization-server", token: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var metadata = await ReadJsonAsync(response);
        metadata.GetProperty("issuer").GetString().Should().Be("http://localhost");
        metadata.GetProperty("token_endpoint").GetString().Should().Be("http://localhost/oauth/token");
        metadata.GetProperty("revocation_endpoint").GetString().Should().Be("http://localhost/oauth/revoke");
        metadata.GetProperty("introspection_endpoint").GetString().Should().Be("http://localhost/oauth/introspect");
        metadata.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString())
            .Should().BeEquivalentTo("client_credentials", "password", "refresh_token");
        metadata.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(m => m.GetString())
            .Should().BeEquivalentTo("client_secret_basic", "client_secret_post");
    }
}
