using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using CleanAuth.Application.Clients.RegisterClient;
using CleanAuth.Domain.Clients;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanAuth.WebApi.IntegrationTests.Faults;

/// <summary>A cluster of its own, migrated once, for tests that stop it or lock it.</summary>
public sealed class OutageFixture : IAsyncLifetime
{
    private OwnPostgres? _postgres;

    public OwnPostgres Postgres => _postgres!;

    public string ConnectionString { get; private set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        var cancellation = TestContext.Current.CancellationToken;
        _postgres = await OwnPostgres.StartAsync(cancellation);
        ConnectionString = await _postgres.CreateDatabaseAsync("cleanauth_outage", cancellation);

        await using var factory = new CleanAuthFactory(ConnectionString);
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>().Database.MigrateAsync(cancellation);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}

[CollectionDefinition(nameof(OutageCollection))]
public sealed class OutageCollection : ICollectionFixture<OutageFixture>;

/// <summary>
/// With PostgreSQL stopped, unreachable or too slow, every answer that needs it is a 503 with
/// Retry-After and a problem body (never a 401, never a 500), and when it comes back everything
/// works again without a restart.
/// </summary>
[Collection(nameof(OutageCollection))]
public sealed class DatabaseOutageTests(OutageFixture outage) : IAsyncDisposable
{
    private const string Password = IntegrationTest.StrongPassword;

    private readonly List<IAsyncDisposable> _disposables = [];

    private int _signUps;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_disposables))
        {
            await disposable.DisposeAsync();
        }
    }

    private (CleanAuthFactory Factory, HttpClient Http) StartApp(string connectionString, params string[] settings)
    {
        var factory = new CleanAuthFactory(connectionString);
        _disposables.Add(factory);
        WebApplicationFactory<Program> app = factory.WithWebHostBuilder(builder =>
        {
            for (var i = 0; i + 1 < settings.Length; i += 2)
            {
                builder.UseSetting(settings[i], settings[i + 1]);
            }
        });
        _disposables.Add(app);
        return (factory, app.CreateClient());
    }

    private static async Task<(string ClientId, string ClientSecret)> RegisterClientAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(
            new RegisterClient(
                "Android 5.2",
                ClientPlatform.Android,
                GrantTypes.ClientCredentials | GrantTypes.Password,
                ExpiresAt: null),
            Cancellation);
        return (created.Client.ClientId, created.ClientSecret);
    }

    private static HttpRequestMessage TokenRequest((string Id, string Secret) client, params string[] parameters)
    {
        var form = new List<KeyValuePair<string, string>>();
        for (var i = 0; i + 1 < parameters.Length; i += 2)
        {
            form.Add(new(parameters[i], parameters[i + 1]));
        }

        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent(form),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{client.Id}:{client.Secret}")));
        return request;
    }

    private static HttpRequestMessage Get(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static HttpRequestMessage SignUp(string clientToken, string username) =>
        new(HttpMethod.Post, "/api/v1/users")
        {
            Content = JsonContent.Create(new { username, password = Password }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", clientToken) },
        };

    private static async Task<string> AccessTokenAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return (await response.Content.ReadFromJsonAsync<Dictionary<string, object>>(Cancellation))!
            ["access_token"].ToString()!;
    }

    /// <summary>Sends the request and checks the answer is a proper 503; returns the body for leak checks.</summary>
    private static async Task<string> ShouldBeUnavailableAsync(HttpClient http, HttpRequestMessage request)
    {
        var what = $"{request.Method} {request.RequestUri}";
        using var response = await http.SendAsync(request, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, $"{what} answered {body}");
        response.Headers.RetryAfter.Should().NotBeNull(what);
        response.Headers.RetryAfter!.Delta.Should().BePositive(what);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json", what);
        return body;
    }

    private static async Task ShouldSucceedAsync(HttpClient http, HttpRequestMessage request)
    {
        var what = $"{request.Method} {request.RequestUri}";
        using var response = await http.SendAsync(request, Cancellation);
        response.IsSuccessStatusCode.Should().BeTrue(
            $"{what} answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Cancellation)}");
    }

    [Fact]
    public async Task A_stopped_database_is_503_everywhere_and_its_return_needs_no_restart()
    {
        var (app, http) = StartApp(outage.ConnectionString);
        var client = await RegisterClientAsync(app.Services);
        var clientToken = await AccessTokenAsync(http, TokenRequest(client, "grant_type", "client_credentials"));
        await ShouldSucceedAsync(http, SignUp(clientToken, "alice"));
        var userToken = await AccessTokenAsync(
            http,
            TokenRequest(client, "grant_type", "password", "username", "alice", "password", Password));
        HttpRequestMessage[] Requests() =>
        [
            Get("/health/ready", null),
            TokenRequest(client, "grant_type", "client_credentials"),
            TokenRequest(client, "grant_type", "password", "username", "alice", "password", Password),
            Get("/api/v1/announcements", clientToken),
            Get("/api/v1/users/me", userToken),
            Get("/api/v1/notes", userToken),
            SignUp(clientToken, $"user{Interlocked.Increment(ref _signUps)}"),
        ];
        foreach (var request in Requests())
        {
            await ShouldSucceedAsync(http, request);
        }

        await FillThePoolAsync(http, clientToken);
        await outage.Postgres.StopAsync(Cancellation);
        var bodies = new List<string>();
        try
        {
            // Twice: first the pooled connections the stop broke, then refused new ones.
            for (var round = 0; round < 2; round++)
            {
                foreach (var request in Requests())
                {
                    bodies.Add(await ShouldBeUnavailableAsync(http, request));
                }
            }

            await ShouldSucceedAsync(http, Get("/health/live", null));

            // An instance that starts during the outage has no key ring cached yet: still a 503.
            var (_, freshHttp) = StartApp(outage.ConnectionString);
            bodies.Add(await ShouldBeUnavailableAsync(freshHttp, Get("/api/v1/announcements", clientToken)));
            bodies.Add(await ShouldBeUnavailableAsync(
                freshHttp,
                TokenRequest(client, "grant_type", "client_credentials")));
        }
        finally
        {
            await outage.Postgres.StartAgainAsync(Cancellation);
        }

        foreach (var request in Requests())
        {
            await ShouldSucceedAsync(http, request);
        }

        string[] secrets = [client.ClientSecret, clientToken, userToken, Password];
        bodies.Should().NotContain(body => secrets.Any(secret => body.Contains(secret, StringComparison.Ordinal)));
        app.Logs.RenderedLines().Should().NotContain(line =>
            secrets.Any(secret => line.Contains(secret, StringComparison.Ordinal)));
        app.Logs.Events.Should().Contain(
            e => e.IsSecurityEvent(1200),
            "outage answers are logged as DatabaseUnavailable");
    }

    [Fact]
    public async Task A_restart_between_requests_costs_at_most_one_503()
    {
        var (app, http) = StartApp(outage.ConnectionString);
        var client = await RegisterClientAsync(app.Services);
        var clientToken = await AccessTokenAsync(http, TokenRequest(client, "grant_type", "client_credentials"));
        await FillThePoolAsync(http, clientToken);

        await outage.Postgres.StopAsync(Cancellation);
        await outage.Postgres.StartAgainAsync(Cancellation);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var response = await http.SendAsync(Get("/api/v1/announcements", clientToken), Cancellation);
            statuses.Add(response.StatusCode);
        }

        // Pooled connections the restart broke fail on first use; the first such failure must clear them all.
        statuses.Skip(1).Should().AllBeEquivalentTo(HttpStatusCode.OK);
        statuses[0].Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task A_request_in_flight_when_the_database_stops_is_a_503()
    {
        var (app, http) = StartApp(outage.ConnectionString);
        var client = await RegisterClientAsync(app.Services);

        // Hold a lock the token request must wait for, so it is mid-query when the server stops.
        var locker = new NpgsqlConnection(Unpooled(outage.ConnectionString));
        await locker.OpenAsync(Cancellation);
        await using (var lockTable = new NpgsqlCommand(
            "BEGIN; LOCK TABLE api_clients IN ACCESS EXCLUSIVE MODE",
            locker))
        {
            await lockTable.ExecuteNonQueryAsync(Cancellation);
        }

        var inFlight = http.SendAsync(TokenRequest(client, "grant_type", "client_credentials"), Cancellation);
        await WaitForLockWaiterAsync(outage.Postgres.ServerConnectionString);

        await outage.Postgres.StopAsync(Cancellation);
        try
        {
            using var response = await inFlight;
            await DisposeQuietlyAsync(locker);

            response.StatusCode.Should().Be(
                HttpStatusCode.ServiceUnavailable,
                await response.Content.ReadAsStringAsync(Cancellation));
            response.Headers.RetryAfter.Should().NotBeNull();
        }
        finally
        {
            await outage.Postgres.StartAgainAsync(Cancellation);
        }

        await ShouldSucceedAsync(http, TokenRequest(client, "grant_type", "client_credentials"));
    }

    [Fact]
    public async Task A_query_slower_than_the_command_timeout_is_a_503_within_that_bound()
    {
        var (app, http) = StartApp(outage.ConnectionString, "Database:CommandTimeout", "00:00:01");
        var client = await RegisterClientAsync(app.Services);
        var clientToken = await AccessTokenAsync(http, TokenRequest(client, "grant_type", "client_credentials"));

        await using (var locker = new NpgsqlConnection(Unpooled(outage.ConnectionString)))
        {
            await locker.OpenAsync(Cancellation);
            await using var transaction = await locker.BeginTransactionAsync(Cancellation);
            await using (var lockTables = new NpgsqlCommand(
                "LOCK TABLE api_clients, access_tokens IN ACCESS EXCLUSIVE MODE", locker))
            {
                await lockTables.ExecuteNonQueryAsync(Cancellation);
            }

            var watch = Stopwatch.StartNew();
            await ShouldBeUnavailableAsync(http, TokenRequest(client, "grant_type", "client_credentials"));

            // The token state is current (its notification channel is alive), so a protected route
            // answers from it without touching the locked tables.
            await ShouldSucceedAsync(http, Get("/api/v1/announcements", clientToken));
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(8));
        }

        await ShouldSucceedAsync(http, TokenRequest(client, "grant_type", "client_credentials"));
        await ShouldSucceedAsync(http, Get("/api/v1/announcements", clientToken));
    }

    [Fact]
    public async Task A_database_that_accepts_but_never_answers_is_a_503_within_the_connect_timeout()
    {
        // A listener that takes connections and says nothing, like a server hung or a half-open path.
        using var silent = new TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        var held = new System.Collections.Concurrent.ConcurrentBag<TcpClient>();
        var accepting = Task.Run(
            async () =>
            {
                try
                {
                    while (true)
                    {
                        held.Add(await silent.AcceptTcpClientAsync(Cancellation));
                    }
                }
                catch (Exception exception) when (exception is SocketException or ObjectDisposedException
                    or OperationCanceledException)
                {
                    // The listener was stopped.
                }
            },
            Cancellation);
        var connectionString = new NpgsqlConnectionStringBuilder(outage.ConnectionString)
        {
            Port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port,
        }.ConnectionString;
        var (_, http) = StartApp(connectionString, "Database:ConnectTimeout", "00:00:02");
        var watch = Stopwatch.StartNew();

        await ShouldBeUnavailableAsync(
            http,
            TokenRequest(("ca_ck_AnyKey", "ca_cs_AnySecret"), "grant_type", "client_credentials"));
        await ShouldBeUnavailableAsync(http, Get("/health/ready", null));

        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(10));
        silent.Stop();
        await accepting;
        foreach (var connection in held)
        {
            connection.Dispose();
        }
    }

    /// <summary>Parallel requests leave many idle connections in the pool, as under real load.</summary>
    private static async Task FillThePoolAsync(HttpClient http, string clientToken)
    {
        await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => ShouldSucceedAsync(
            http,
            Get("/api/v1/announcements", clientToken))));
    }

    /// <summary>The test's own connections must not come from a pool that an earlier stop left stale.</summary>
    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    /// <summary>The stop ended its session; closing it may complain about that.</summary>
    private static async Task DisposeQuietlyAsync(NpgsqlConnection connection)
    {
        try
        {
            await connection.DisposeAsync();
        }
        catch (NpgsqlException)
        {
        }
    }

    private static async Task WaitForLockWaiterAsync(string serverConnectionString)
    {
        await using var watcher = new NpgsqlConnection(Unpooled(serverConnectionString));
        await watcher.OpenAsync(Cancellation);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            await using var waiting = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'",
                watcher);
            if ((long)(await waiting.ExecuteScalarAsync(Cancellation))! > 0)
            {
                return;
            }

            await Task.Delay(50, Cancellation);
        }

        throw new TimeoutException("The token request never reached the locked table.");
    }
}
