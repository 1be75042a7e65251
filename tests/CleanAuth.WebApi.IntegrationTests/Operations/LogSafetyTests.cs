using System.Net.Http.Json;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Operations;

/// <summary>The log of a whole flow, captured at the most verbose level, never holds a credential.</summary>
public sealed class LogSafetyTests(DatabaseFixture database) : IntegrationTest(database)
{
    [Fact]
    public async Task A_full_flow_logs_identifiers_but_no_secret_password_or_token()
    {
        const string wrongSecret = "ca_cs_WrongSecretThatMustNotBeLogged";
        const string wrongPassword = "wrong password that must not be logged";
        var client = await CreateClientAsync();
        var clientToken = await GetClientTokenAsync(client);
        using var signUp = await SignUpAsync(clientToken, "alice");
        var userToken = await GetUserTokenAsync(client, "alice");
        using var badSecret = await PostTokenAsync(
            [new("grant_type", "client_credentials")],
            Basic(client with { ClientSecret = wrongSecret }));
        using var badPassword = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", wrongPassword)],
            Basic(client));
        using var me = await GetAsync("/api/v1/users/me", userToken);
        using var query = await GetAsync("/api/v1/users/me?access_token=" + userToken, token: null);
        using var note = await Http.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, "/api/v1/notes")
            {
                Content = JsonContent.Create(new { title = "t", body = "b" }),
                Headers = { Authorization = Bearer(userToken) },
            },
            Cancellation);

        var lines = Factory.Logs.RenderedLines().ToList();

        lines.Should().NotBeEmpty();
        string[] credentials =
            [client.ClientSecret, wrongSecret, StrongPassword, wrongPassword, clientToken, userToken];
        var leaks = lines.Where(line => credentials.Any(c => line.Contains(c, StringComparison.Ordinal)));
        leaks.Should().BeEmpty();

        lines.Should().Contain(line => line.Contains(client.ClientId, StringComparison.Ordinal));
        Factory.Logs.Events.Should().Contain(e => e.Properties.ContainsKey("TokenId"));
    }
}
