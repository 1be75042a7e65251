using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CleanAuth.Application.Clients.RegisterClient;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Clients;
using CleanAuth.WebApi.Admin;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.WebApi.IntegrationTests.Infrastructure;

public sealed record TestClient(string ClientId, string ClientSecret);

/// <summary>What a sign-in or a refresh hands out.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken);

/// <summary>A test against the running app and a freshly emptied database.</summary>
[Collection(nameof(DatabaseCollection))]
public abstract class IntegrationTest(DatabaseFixture database) : IAsyncLifetime
{
    public const string StrongPassword = "correct horse battery staple";

    protected DatabaseFixture Database { get; } = database;

    protected CleanAuthFactory Factory => Database.Factory;

    protected FakeTimeProvider Time => Factory.Time;

    protected HttpClient Http { get; private set; } = null!;

    protected static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        await Database.ResetAsync();
        Http = Factory.CreateClient();
    }

    public virtual ValueTask DisposeAsync()
    {
        Http.Dispose();
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    protected async Task<TestClient> CreateClientAsync(
        GrantTypes grants = GrantTypes.ClientCredentials | GrantTypes.Password,
        DateTimeOffset? expiresAt = null,
        string name = "Android 5.2")
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ISender>()
            .Send(new RegisterClient(name, ClientPlatform.Android, grants, expiresAt), Cancellation);
        return new TestClient(created.Client.ClientId, created.ClientSecret);
    }

    /// <summary>
    /// Another app instance on the same database. Instances share one wall clock, so both fake
    /// clocks are brought to the later of their two times.
    /// </summary>
    protected CleanAuthFactory NewInstance()
    {
        var instance = new CleanAuthFactory(Database.ConnectionString);
        var now = Time.GetUtcNow() > instance.Time.GetUtcNow() ? Time.GetUtcNow() : instance.Time.GetUtcNow();
        if (Time.GetUtcNow() < now)
        {
            Time.SetUtcNow(now);
        }

        if (instance.Time.GetUtcNow() < now)
        {
            instance.Time.SetUtcNow(now);
        }

        return instance;
    }

    /// <summary>Runs admin verbs as the executable would, against the test app's services.</summary>
    protected Task<(int ExitCode, string Output, string Error)> RunAdminAsync(params string[] args) =>
        RunAdminAsync(Factory.Services, args);

    protected static async Task<(int ExitCode, string Output, string Error)> RunAdminAsync(
        IServiceProvider services,
        string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await new AdminCommandLine(services, output, error).RunAsync(args, Cancellation);
        return (exitCode, output.ToString(), error.ToString());
    }

    protected async Task<T> SendAsync<T>(Func<ISender, ValueTask<T>> send)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    protected static AuthenticationHeaderValue Basic(TestClient client) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Uri.EscapeDataString(client.ClientId)}:{Uri.EscapeDataString(client.ClientSecret)}")));

    protected static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);

    protected Task<HttpResponseMessage> PostTokenAsync(
        IEnumerable<KeyValuePair<string, string>> parameters,
        AuthenticationHeaderValue? authorization = null) =>
        PostOAuthAsync("/oauth/token", parameters, authorization);

    protected Task<HttpResponseMessage> PostOAuthAsync(
        string path,
        IEnumerable<KeyValuePair<string, string>> parameters,
        AuthenticationHeaderValue? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(parameters),
        };
        request.Headers.Authorization = authorization;
        return Http.SendAsync(request, Cancellation);
    }

    protected async Task<string> GetClientTokenAsync(TestClient client)
    {
        using var response = await PostTokenAsync([new("grant_type", "client_credentials")], Basic(client));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancellation));
        return (await ReadJsonAsync(response)).GetProperty("access_token").GetString()!;
    }

    protected async Task<string> GetUserTokenAsync(TestClient client, string username, string password = StrongPassword)
    {
        using var response = await PostTokenAsync(
            [new("grant_type", "password"), new("username", username), new("password", password)],
            Basic(client));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Cancellation));
        return (await ReadJsonAsync(response)).GetProperty("access_token").GetString()!;
    }

    /// <summary>Signs a user in with the password grant and returns both tokens.</summary>
    protected async Task<TokenPair> SignInAsync(TestClient client, string username, string password = StrongPassword)
    {
        using var response = await PostTokenAsync(
            [new("grant_type", "password"), new("username", username), new("password", password)],
            Basic(client));
        return await ReadTokenPairAsync(response);
    }

    protected Task<HttpResponseMessage> RefreshAsync(TestClient client, string refreshToken) =>
        PostTokenAsync([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], Basic(client));

    protected static async Task<TokenPair> ReadTokenPairAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(
            HttpStatusCode.OK,
            await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var body = await ReadJsonAsync(response);
        return new TokenPair(
            body.GetProperty("access_token").GetString()!,
            body.GetProperty("refresh_token").GetString()!);
    }

    protected async Task<HttpResponseMessage> SignUpAsync(
        string clientToken,
        string username,
        string password = StrongPassword)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
        {
            Content = JsonContent.Create(new { username, password }),
        };
        request.Headers.Authorization = Bearer(clientToken);
        return await Http.SendAsync(request, Cancellation);
    }

    /// <summary>Registers a client, signs a new user up through it and signs them in.</summary>
    protected async Task<(TestClient Client, string UserToken)> SignedInUserAsync(string username = "alice")
    {
        var client = await SignedUpUserAsync(username);
        return (client, await GetUserTokenAsync(client, username));
    }

    /// <summary>Registers a client and signs a new user up through it; nobody is signed in yet.</summary>
    protected async Task<TestClient> SignedUpUserAsync(string username = "alice", TestClient? client = null)
    {
        client ??= await CreateClientAsync();
        using var signUp = await SignUpAsync(await GetClientTokenAsync(client), username);
        signUp.StatusCode.Should().Be(HttpStatusCode.Created);
        return client;
    }

    /// <summary>
    /// Waits until the app's in-process token state has seen every change committed so far, for
    /// tests that change the database behind the app's back.
    /// </summary>
    protected Task SyncTokenStateAsync() =>
        Factory.Services.GetRequiredService<ITokenStateCache>().SyncAsync(Cancellation);

    protected async Task<HttpStatusCode> StatusOfAsync(string path, string token)
    {
        using var response = await GetAsync(path, token);
        return response.StatusCode;
    }

    protected Task<HttpResponseMessage> GetAsync(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = Bearer(token);
        }

        return Http.SendAsync(request, Cancellation);
    }

    protected static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
