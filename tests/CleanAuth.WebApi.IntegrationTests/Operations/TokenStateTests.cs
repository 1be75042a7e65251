using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Operations;

/// <summary>
/// Tokens are validated from in-process state that every instance keeps current through
/// PostgreSQL notifications: no database round trip per request, and revocations reach every
/// instance at once.
/// </summary>
public sealed class TokenStateTests(DatabaseFixture database) : IntegrationTest(database)
{
    private int DatabaseCommandsLogged() => Factory.Logs.Events.Count(e =>
        e.Properties.TryGetValue("SourceContext", out var source)
        && source.ToString().Contains("Microsoft.EntityFrameworkCore.Database.Command", StringComparison.Ordinal)
        && e.MessageTemplate.Text.StartsWith("Executed DbCommand", StringComparison.Ordinal));

    private static async Task<HttpStatusCode> StatusAtAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task Validating_tokens_needs_no_database_round_trip_not_even_the_first_time()
    {
        var (client, userToken) = await SignedInUserAsync();
        var clientToken = await GetClientTokenAsync(client);
        await SyncTokenStateAsync();
        var before = DatabaseCommandsLogged();

        for (var i = 0; i < 20; i++)
        {
            (await StatusOfAsync("/api/v1/announcements", clientToken)).Should().Be(HttpStatusCode.OK);
            (await StatusOfAsync("/api/v1/announcements", userToken)).Should().Be(HttpStatusCode.OK);
        }

        DatabaseCommandsLogged().Should().Be(before);
    }

    [Fact]
    public async Task A_second_instance_accepts_the_first_ones_tokens_and_refuses_them_once_revoked()
    {
        var (client, userToken) = await SignedInUserAsync();
        var clientToken = await GetClientTokenAsync(client);
        await using var second = NewInstance();
        using var secondHttp = second.CreateClient();

        (await StatusAtAsync(secondHttp, "/api/v1/users/me", userToken)).Should().Be(HttpStatusCode.OK);
        (await StatusAtAsync(secondHttp, "/api/v1/announcements", clientToken)).Should().Be(HttpStatusCode.OK);

        using var revoke = await PostOAuthAsync("/oauth/revoke", [new("token", clientToken)], Basic(client));
        revoke.StatusCode.Should().Be(HttpStatusCode.OK);

        var stopwatch = Stopwatch.StartNew();
        var refused = false;
        while (!refused && stopwatch.Elapsed < TimeSpan.FromSeconds(1))
        {
            var status = await StatusAtAsync(secondHttp, "/api/v1/announcements", clientToken);
            refused = status == HttpStatusCode.Unauthorized;
        }

        refused.Should().BeTrue("the second instance must refuse a revoked token within one second");
        (await StatusAtAsync(secondHttp, "/api/v1/users/me", userToken)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_instance_that_revokes_refuses_the_token_at_once()
    {
        var client = await CreateClientAsync();

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var token = await GetClientTokenAsync(client);
            using var revoke = await PostOAuthAsync("/oauth/revoke", [new("token", token)], Basic(client));

            (await StatusOfAsync("/api/v1/announcements", token)).Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task With_the_in_process_state_switched_off_the_database_decides_the_same_way()
    {
        using var databaseOnly = Factory.WithWebHostBuilder(
            builder => builder.UseSetting("TokenState:Enabled", "false"));
        using var http = databaseOnly.CreateClient();
        var (client, userToken) = await SignedInUserAsync();
        var clientToken = await GetClientTokenAsync(client);

        (await StatusAtAsync(http, "/api/v1/users/me", userToken)).Should().Be(HttpStatusCode.OK);
        using var revoke = await PostOAuthAsync("/oauth/revoke", [new("token", clientToken)], Basic(client));
        (await StatusAtAsync(http, "/api/v1/announcements", clientToken)).Should().Be(HttpStatusCode.Unauthorized);
    }
}
