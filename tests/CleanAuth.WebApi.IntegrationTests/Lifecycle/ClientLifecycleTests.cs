using System.Net;
using System.Text.Json;
using CleanAuth.WebApi.Admin;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Lifecycle;

public sealed class ClientLifecycleTests(DatabaseFixture database) : IntegrationTest(database)
{
    private async Task<HttpStatusCode> TokenStatusAsync(TestClient client)
    {
        using var response = await PostTokenAsync([new("grant_type", "client_credentials")], Basic(client));
        return response.StatusCode;
    }

    [Fact]
    public async Task After_a_rotation_the_previous_secret_works_until_the_grace_period_ends()
    {
        var client = await CreateClientAsync();

        var (exitCode, output, _) = await RunAdminAsync(
            "clients", "rotate-secret", client.ClientId, "--grace", "7.00:00:00", "--json");

        exitCode.Should().Be(AdminExitCode.Success);
        using var rotated = JsonDocument.Parse(output);
        var newSecret = rotated.RootElement.GetProperty("client_secret").GetString()!;
        var renewed = client with { ClientSecret = newSecret };
        (await TokenStatusAsync(client)).Should().Be(HttpStatusCode.OK);
        (await TokenStatusAsync(renewed)).Should().Be(HttpStatusCode.OK);

        Time.Advance(TimeSpan.FromDays(7));

        (await TokenStatusAsync(client)).Should().Be(HttpStatusCode.Unauthorized);
        (await TokenStatusAsync(renewed)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_grace_period_the_previous_secret_stops_at_once()
    {
        var client = await CreateClientAsync();

        var (exitCode, output, _) = await RunAdminAsync("clients", "rotate-secret", client.ClientId);

        exitCode.Should().Be(AdminExitCode.Success);
        output.Should().Contain("ca_cs_").And.Contain("shown only this once");
        (await TokenStatusAsync(client)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Update_changes_name_grants_and_expiry()
    {
        var client = await CreateClientAsync();

        var (exitCode, output, _) = await RunAdminAsync(
            "clients", "update", client.ClientId, "--name", "Android 5.3", "--grants", "password",
            "--expires-at", Time.GetUtcNow().AddDays(30).ToString("O"), "--json");

        exitCode.Should().Be(AdminExitCode.Success);
        using var updated = JsonDocument.Parse(output);
        updated.RootElement.GetProperty("name").GetString().Should().Be("Android 5.3");
        updated.RootElement.GetProperty("expires_at").ValueKind.Should().Be(JsonValueKind.String);
        using var clientCredentials = await PostTokenAsync([new("grant_type", "client_credentials")], Basic(client));
        (await ReadJsonAsync(clientCredentials)).GetProperty("error").GetString().Should().Be("unauthorized_client");
    }

    [Fact]
    public async Task An_expired_client_loses_its_tokens_at_once_and_a_later_expiry_does_not_revive_them()
    {
        var client = await CreateClientAsync(expiresAt: Time.GetUtcNow().AddMinutes(30));
        var token = await GetClientTokenAsync(client);
        Time.Advance(TimeSpan.FromMinutes(45));

        var whileExpired = await StatusOfAsync("/api/v1/announcements", token);
        await RunAdminAsync("clients", "update", client.ClientId, "--no-expiry");

        whileExpired.Should().Be(HttpStatusCode.Unauthorized);
        (await StatusOfAsync("/api/v1/announcements", token)).Should().Be(HttpStatusCode.Unauthorized);
        (await TokenStatusAsync(client)).Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("clients", "rotate-secret", "ca_ck_nobody")]
    [InlineData("clients", "update", "ca_ck_nobody", "--name", "x")]
    public async Task Unknown_clients_are_exit_code_2(params string[] args)
    {
        (await RunAdminAsync(args)).ExitCode.Should().Be(AdminExitCode.NotFound);
    }

    [Theory]
    [InlineData("--grace", "-1.00:00:00")]
    [InlineData("--grace", "365.00:00:00")]
    [InlineData("--grace", "soon")]
    public async Task An_unreasonable_grace_period_is_refused(string option, string value)
    {
        var client = await CreateClientAsync();

        var (exitCode, _, error) = await RunAdminAsync("clients", "rotate-secret", client.ClientId, option, value);

        exitCode.Should().Be(AdminExitCode.Usage);
        error.Should().NotBeEmpty();
        (await TokenStatusAsync(client)).Should().Be(HttpStatusCode.OK);
    }
}
