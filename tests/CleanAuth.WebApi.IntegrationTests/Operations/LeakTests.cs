using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CleanAuth.Application.Common.Security;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanAuth.WebApi.IntegrationTests.Operations;

/// <summary>
/// Failures, throttling and server faults leak no secret, password, token or stored hash: not
/// in a response that should not carry it, not in any log line at any level, and nothing is in
/// clear in the database.
/// </summary>
public sealed class LeakTests(DatabaseFixture database) : IntegrationTest(database)
{
    private const string WrongSecret = "ca_cs_WrongSecretThatMustNeverBeSeenAgain0123456";
    private const string WrongPassword = "wrong password that must never be seen again";

    private readonly ConcurrentQueue<Exchange> _exchanges = new();
    private readonly List<IAsyncDisposable> _factories = [];

    public override async ValueTask DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private HttpClient Client(WebApplicationFactory<Program> factory)
    {
        _factories.Add(factory);
        return factory.CreateDefaultClient(new RecordingHandler(_exchanges));
    }

    private static HttpRequestMessage Token(
        IEnumerable<KeyValuePair<string, string>> parameters,
        AuthenticationHeaderValue? authorization = null,
        string path = "/oauth/token") => new(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(parameters),
            Headers = { Authorization = authorization },
        };

    private static HttpRequestMessage Raw(HttpMethod method, string path, string? authorization, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Failures_throttling_and_faults_leak_no_credential_anywhere()
    {
        var client = await CreateClientAsync();
        var http = Client(Factory.WithPeers(
            "RateLimiting:Enabled", "true",
            "RateLimiting:FailedClientSecrets:PermitLimit", "2"));
        async Task<HttpResponseMessage> Send(HttpRequestMessage request) => await http.SendAsync(request, Cancellation);

        // The successes, whose answers may carry exactly their own token.
        KeyValuePair<string, string>[] clientCredentials = [new("grant_type", "client_credentials")];
        var clientToken = (await ReadJsonAsync(await Send(Token(clientCredentials, Basic(client)))))
            .GetProperty("access_token").GetString()!;
        await Send(Raw(HttpMethod.Post, "/api/v1/users", "Bearer " + clientToken, JsonContent.Create(new
        {
            username = "alice",
            password = StrongPassword,
        })));
        var userToken = (await ReadJsonAsync(await Send(Token(
            [new("grant_type", "password"), new("username", "alice"), new("password", StrongPassword)],
            Basic(client))))).GetProperty("access_token").GetString()!;
        var carriers = _exchanges.Take(3).ToList();

        // Client authentication failures, up to and past the throttle.
        var wrong = client with { ClientSecret = WrongSecret };
        for (var i = 0; i < 3; i++)
        {
            await Send(Token(clientCredentials, Basic(wrong)));
        }

        // Credentials in the wrong places and shapes.
        await Send(Token(
        [
            new("grant_type", "client_credentials"),
            new("client_id", client.ClientSecret),
            new("client_secret", client.ClientId),
        ]));
        await Send(Token(clientCredentials, path: "/oauth/token?client_secret=" + client.ClientSecret));
        await Send(Raw(HttpMethod.Post, "/oauth/token", "Basic " + client.ClientSecret, null));
        var noColon = "Basic " + Base64(client.ClientId + client.ClientSecret);
        await Send(Raw(HttpMethod.Post, "/oauth/token", noColon, null));
        await Send(Token(
        [
            new("grant_type", "client_credentials"),
            new("client_id", client.ClientId),
            new("client_secret", client.ClientSecret + new string('x', 5000)),
        ]));
        await Send(Raw(HttpMethod.Post, "/oauth/token", null, new StringContent(
            $$"""
            {"grant_type":"client_credentials","client_id":"{{client.ClientId}}",
             "client_secret":"{{client.ClientSecret}}","client_secret":"{{client.ClientSecret}}"}
            """,
            Encoding.UTF8,
            "application/json")));

        // Password failures, and a lockout.
        for (var i = 0; i < 6; i++)
        {
            await Send(Token(
                [new("grant_type", "password"), new("username", "alice"), new("password", WrongPassword)],
                Basic(client)));
        }

        await Send(Token(
            [new("grant_type", "password"), new("username", StrongPassword), new("password", "alice")],
            Basic(client)));
        await Send(Raw(HttpMethod.Post, "/api/v1/users", "Bearer " + clientToken, JsonContent.Create(new
        {
            username = "bob",
            password = "password123",
        })));

        // Tokens refused: tampered, with trailing garbage, in the query string, of the wrong kind, expired.
        await Send(Raw(HttpMethod.Get, "/api/v1/users/me", "Bearer " + userToken[..^2] + "AA", null));
        await Send(Raw(HttpMethod.Get, "/api/v1/users/me", $"Bearer {userToken} {userToken}", null));
        await Send(Raw(HttpMethod.Get, "/api/v1/users/me?access_token=" + userToken, null, null));
        await Send(Raw(HttpMethod.Get, "/api/v1/users/me", "Bearer " + clientToken, null));
        var basic = "Basic " + Base64(client.ClientId + ":" + client.ClientSecret);
        await Send(Raw(HttpMethod.Get, "/api/v1/notes", basic, null));
        Time.Advance(TimeSpan.FromHours(2));
        await Send(Raw(HttpMethod.Get, "/api/v1/users/me", "Bearer " + userToken, null));

        // A server fault: the secret check itself breaks, and the request ends in a 500.
        var broken = Client(Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<ISecretHasher, BrokenSecretHasher>())));
        using (var fault = await broken.SendAsync(Token(clientCredentials, Basic(client)), Cancellation))
        {
            fault.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        }

        var stored = await StoredHashesAsync();
        string[] secrets =
        [
            client.ClientSecret, WrongSecret, StrongPassword, WrongPassword, clientToken, userToken,
            .. stored.SelectMany(HashForms),
        ];

        var answers = _exchanges.Skip(carriers.Count).ToList();
        answers.Should().HaveCountGreaterThan(20);
        answers.Select(e => (int)e.Status).Should().Contain([400, 401, 429, 500]);
        answers.Should().NotContain(e => secrets.Any(s => e.Response.Contains(s, StringComparison.Ordinal)));
        var notCarried = secrets.Where(s => s != clientToken && s != userToken).ToArray();
        carriers.Should().NotContain(e => notCarried.Any(s => e.Response.Contains(s, StringComparison.Ordinal)));

        var lines = Factory.Logs.RenderedLines().ToList();
        lines.Should().Contain(line => line.Contains("Answered 500", StringComparison.Ordinal));
        lines.Should().Contain(line =>
            line.StartsWith("HTTP \"POST\" \"/oauth/token\" responded 429", StringComparison.Ordinal));
        var leaks = lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal))).ToList();
        leaks.Should().BeEmpty();

        var dump = await DumpDatabaseAsync();
        dump.Should().NotContain(client.ClientSecret).And.NotContain(StrongPassword)
            .And.NotContain(clientToken).And.NotContain(userToken);
    }

    /// <summary>Every stored secret hash, token hash and password hash.</summary>
    private async Task<List<byte[]>> StoredHashesAsync()
    {
        var hashes = new List<byte[]>();
        await using var connection = await Database.OpenAsync();
        foreach (var query in new[]
        {
            "SELECT secret_hash FROM api_clients",
            "SELECT token_hash FROM access_tokens",
            "SELECT convert_to(password_hash, 'UTF8') FROM users WHERE password_hash IS NOT NULL",
        })
        {
            await using var command = new NpgsqlCommand(query, connection);
            await using var reader = await command.ExecuteReaderAsync(Cancellation);
            while (await reader.ReadAsync(Cancellation))
            {
                hashes.Add((byte[])reader[0]);
            }
        }

        hashes.Should().HaveCountGreaterThan(3);
        return hashes;
    }

    /// <summary>The ways a hash could be spelled in text.</summary>
    private static IEnumerable<string> HashForms(byte[] hash)
    {
        yield return Convert.ToHexString(hash);
        yield return Convert.ToHexStringLower(hash);
        yield return Convert.ToBase64String(hash);
        yield return System.Buffers.Text.Base64Url.EncodeToString(hash);
        yield return Encoding.UTF8.GetString(hash);
    }

    /// <summary>Every row of every table, as text.</summary>
    private async Task<string> DumpDatabaseAsync()
    {
        await using var connection = await Database.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
            connection))
        await using (var reader = await list.ExecuteReaderAsync(Cancellation))
        {
            while (await reader.ReadAsync(Cancellation))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            await using var rows = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
            await using var reader = await rows.ExecuteReaderAsync(Cancellation);
            while (await reader.ReadAsync(Cancellation))
            {
                dump.AppendLine(reader.GetString(0));
            }
        }

        return dump.ToString();
    }

    private sealed record Exchange(HttpStatusCode Status, string Response);

    /// <summary>Keeps every answer: status, headers and body as text.</summary>
    private sealed class RecordingHandler(ConcurrentQueue<Exchange> exchanges) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request,
            CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var text = new StringBuilder()
                .Append(response.Headers).Append(response.Content.Headers)
                .Append(await response.Content.ReadAsStringAsync(cancellationToken));
            exchanges.Enqueue(new Exchange(response.StatusCode, text.ToString()));
            return response;
        }
    }

    private sealed class BrokenSecretHasher : ISecretHasher
    {
        public byte[] Hash(string secret) => throw new InvalidOperationException("The hasher is broken.");

        public bool Verify(string presentedSecret, byte[]? storedHash, byte[]? previousHash = null) =>
            throw new InvalidOperationException("The hasher is broken.");
    }
}
