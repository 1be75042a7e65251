using System.Text.Json;
using CleanAuth.WebApi.Admin;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Operations;

public sealed class AdminCommandLineTests(DatabaseFixture database) : IntegrationTest(database)
{
    [Fact]
    public async Task Create_with_json_prints_one_document_with_the_secret_and_the_secret_works()
    {
        var (exitCode, output, _) = await RunAdminAsync(
            "clients", "create", "--name", "iOS 3.1", "--platform", "ios", "--grants", "client_credentials", "--json");

        exitCode.Should().Be(AdminExitCode.Success);
        using var document = JsonDocument.Parse(output);
        var created = document.RootElement;
        created.GetProperty("client_id").GetString().Should().StartWith("ca_ck_");
        created.GetProperty("client_secret").GetString().Should().StartWith("ca_cs_");
        created.GetProperty("platform").GetString().Should().Be("ios");
        created.GetProperty("grant_types")
            .EnumerateArray()
            .Select(g => g.GetString())
            .Should().Equal("client_credentials");

        await GetClientTokenAsync(new TestClient(
            created.GetProperty("client_id").GetString()!,
            created.GetProperty("client_secret").GetString()!));
    }

    [Fact]
    public async Task List_and_show_never_print_a_secret()
    {
        var client = await CreateClientAsync();

        var list = await RunAdminAsync("clients", "list");
        var listJson = await RunAdminAsync("clients", "list", "--json");
        var show = await RunAdminAsync("clients", "show", client.ClientId);
        var showJson = await RunAdminAsync("clients", "show", client.ClientId, "--json");

        foreach (var (exitCode, output, _) in new[] { list, listJson, show, showJson })
        {
            exitCode.Should().Be(AdminExitCode.Success);
            output.Should().Contain(client.ClientId)
                .And.NotContain(client.ClientSecret)
                .And.NotContain("client_secret")
                .And.NotContain("ca_cs_");
        }

        JsonDocument.Parse(listJson.Output).RootElement.GetArrayLength().Should().Be(1);
        JsonDocument.Parse(showJson.Output).RootElement.GetProperty("active").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Deactivate_and_activate_switch_a_client()
    {
        var client = await CreateClientAsync();

        var deactivated = await RunAdminAsync("clients", "deactivate", client.ClientId);
        var shown = await RunAdminAsync("clients", "show", client.ClientId, "--json");
        var activated = await RunAdminAsync("clients", "activate", client.ClientId);

        deactivated.ExitCode.Should().Be(AdminExitCode.Success);
        JsonDocument.Parse(shown.Output).RootElement.GetProperty("active").GetBoolean().Should().BeFalse();
        activated.ExitCode.Should().Be(AdminExitCode.Success);
    }

    [Theory]
    [InlineData("show")]
    [InlineData("deactivate")]
    [InlineData("activate")]
    public async Task An_unknown_client_is_exit_code_2_with_advice(string verb)
    {
        var (exitCode, _, error) = await RunAdminAsync("clients", verb, "ca_ck_nobody");

        exitCode.Should().Be(AdminExitCode.NotFound);
        error.Should().Contain("clients list");
    }

    [Theory]
    [InlineData("clients", "create", "--platform", "android")]
    [InlineData("clients", "create", "--name", "x", "--platform", "windows")]
    [InlineData("clients", "create", "--name", "x", "--platform", "web", "--grants", "implicit")]
    [InlineData("clients", "create", "--name", "x", "--platform", "web", "--expires-at", "yesterday")]
    [InlineData("clients", "frobnicate")]
    public async Task Wrong_arguments_give_a_message_and_a_non_zero_exit(params string[] args)
    {
        var (exitCode, _, error) = await RunAdminAsync(args);

        exitCode.Should().NotBe(AdminExitCode.Success);
        error.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Migrate_reports_an_up_to_date_database()
    {
        var (exitCode, output, _) = await RunAdminAsync("migrate");

        exitCode.Should().Be(AdminExitCode.Success);
        output.Should().Contain("up to date");
    }
}
