using System.Net;
using System.Net.Http.Json;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Operations;

/// <summary>
/// Tokens outlive the instance that issued them: the Data Protection key ring and the token
/// records are in PostgreSQL, so a restarted instance, or any other, accepts them.
/// </summary>
public sealed class InstanceTests(DatabaseFixture database) : IntegrationTest(database)
{
    private static async Task<string> TokenAsync(HttpClient http, TestClient client, params string[] extra)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        for (var i = 0; i + 1 < extra.Length; i += 2)
        {
            parameters.Add(new(extra[i], extra[i + 1]));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(parameters),
            Headers = { Authorization = Basic(client) },
        };
        using var response = await http.SendAsync(request, Cancellation);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await ReadJsonAsync(response)).GetProperty("access_token").GetString()!;
    }

    private static async Task<HttpStatusCode> GetStatusAsync(HttpClient http, string path, string token)
    {
        using var response = await http.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, path) { Headers = { Authorization = Bearer(token) } },
            Cancellation);
        return response.StatusCode;
    }

    [Fact]
    public async Task Tokens_issued_before_a_restart_are_accepted_after_it()
    {
        var client = await CreateClientAsync();
        string clientToken;
        string userToken;
        await using (var before = new CleanAuthFactory(Database.ConnectionString))
        {
            using var http = before.CreateClient();
            clientToken = await TokenAsync(http, client, "grant_type", "client_credentials");
            using var signUp = await http.SendAsync(
                new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
                {
                    Content = JsonContent.Create(new { username = "alice", password = StrongPassword }),
                    Headers = { Authorization = Bearer(clientToken) },
                },
                Cancellation);
            signUp.StatusCode.Should().Be(HttpStatusCode.Created);
            userToken = await TokenAsync(
                http,
                client,
                "grant_type", "password", "username", "alice", "password", StrongPassword);
        }

        await using var after = new CleanAuthFactory(Database.ConnectionString);
        using var afterHttp = after.CreateClient();

        (await GetStatusAsync(afterHttp, "/api/v1/announcements", clientToken)).Should().Be(HttpStatusCode.OK);
        (await GetStatusAsync(afterHttp, "/api/v1/users/me", userToken)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_instances_on_one_database_accept_each_others_tokens()
    {
        var client = await CreateClientAsync();
        await using var first = new CleanAuthFactory(Database.ConnectionString);
        await using var second = new CleanAuthFactory(Database.ConnectionString);
        using var firstHttp = first.CreateClient();
        using var secondHttp = second.CreateClient();

        var fromFirst = await TokenAsync(firstHttp, client, "grant_type", "client_credentials");
        var fromSecond = await TokenAsync(secondHttp, client, "grant_type", "client_credentials");

        (await GetStatusAsync(secondHttp, "/api/v1/announcements", fromFirst)).Should().Be(HttpStatusCode.OK);
        (await GetStatusAsync(firstHttp, "/api/v1/announcements", fromSecond)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_client_switched_off_through_one_instance_is_refused_by_the_other()
    {
        var client = await CreateClientAsync();
        await using var other = NewInstance();
        using var otherHttp = other.CreateClient();
        var token = await TokenAsync(otherHttp, client, "grant_type", "client_credentials");
        Time.Advance(TimeSpan.FromSeconds(1));
        other.Time.Advance(TimeSpan.FromSeconds(1));

        await SendAsync(sender => sender.Send(
            new CleanAuth.Application.Clients.ChangeClientStatus.ChangeClientStatus(client.ClientId, Active: false),
            Cancellation));

        (await GetStatusAsync(otherHttp, "/api/v1/announcements", token)).Should().Be(HttpStatusCode.Unauthorized);
    }
}
