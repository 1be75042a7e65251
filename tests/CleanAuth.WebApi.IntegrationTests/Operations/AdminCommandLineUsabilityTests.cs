using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CleanAuth.WebApi.Admin;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Operations;

/// <summary>The admin verbs as a person meets them: help, mistakes, and the documented exit codes.</summary>
public sealed class AdminCommandLineUsabilityTests(DatabaseFixture database) : IntegrationTest(database)
{
    [Theory]
    [InlineData("--help")]
    [InlineData("migrate", "--help")]
    [InlineData("clients", "--help")]
    [InlineData("clients", "create", "--help")]
    [InlineData("clients", "list", "--help")]
    [InlineData("clients", "show", "--help")]
    [InlineData("clients", "deactivate", "--help")]
    [InlineData("clients", "activate", "--help")]
    public async Task Every_verb_has_help(params string[] args)
    {
        var (exitCode, output, _) = await RunAdminAsync(Factory.Services, args);

        exitCode.Should().Be(AdminExitCode.Success);
        output.Should().Contain("Usage:");
    }

    [Fact]
    public async Task A_mistyped_verb_is_an_error_not_a_server_start()
    {
        string[] args = ["clinets", "list"];

        var (exitCode, _, error) = await RunAdminAsync(Factory.Services, args);

        AdminCommandLine.Handles(args).Should().BeTrue();
        exitCode.Should().Be(AdminExitCode.Usage);
        error.Should().Contain("clinets");
    }

    [Theory]
    [InlineData("--urls", "http://127.0.0.1:5080")]
    [InlineData("urls=http://127.0.0.1:5080")]
    [InlineData("/urls", "http://127.0.0.1:5080")]
    public void Host_settings_on_the_command_line_still_start_the_server(params string[] args) =>
        AdminCommandLine.Handles(args).Should().BeFalse();

    [Theory]
    [InlineData("--name:", "--name", "", "--platform", "web")]
    [InlineData("--expires-at:", "--name", "x", "--platform", "web", "--expires-at", "2001-01-01")]
    public async Task A_refused_value_names_its_option_without_a_stack_trace(string says, params string[] options)
    {
        var (exitCode, _, error) = await RunAdminAsync(Factory.Services, ["clients", "create", .. options]);

        exitCode.Should().Be(AdminExitCode.Usage);
        error.Should().StartWith(says).And.NotContain("   at ");
    }

    [Theory]
    [InlineData("deactivate", false)]
    [InlineData("activate", true)]
    public async Task Status_verbs_print_the_client_as_json_on_request(string verb, bool active)
    {
        var client = await CreateClientAsync();

        var (exitCode, output, _) = await RunAdminAsync(Factory.Services, ["clients", verb, client.ClientId, "--json"]);

        exitCode.Should().Be(AdminExitCode.Success);
        using var document = JsonDocument.Parse(output);
        document.RootElement.GetProperty("client_id").GetString().Should().Be(client.ClientId);
        document.RootElement.GetProperty("active").GetBoolean().Should().Be(active);
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("clients", "list")]
    public async Task An_unreachable_database_is_exit_code_3_with_advice(params string[] args)
    {
        using var unreachable = Factory.WithWebHostBuilder(builder => builder.UseSetting(
            "ConnectionStrings:Default",
            $"Host=127.0.0.1;Port={ClosedPort()};Database=none;Username=none;Password=none;Timeout=3"));

        var (exitCode, output, error) = await RunAdminAsync(unreachable.Services, args);

        exitCode.Should().Be(AdminExitCode.DatabaseUnavailable);
        output.Should().BeEmpty();
        error.Should().Contain("ConnectionStrings__Default");
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
