using System.Net;
using System.Text.Json;
using CleanAuth.WebApi.Admin;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Lifecycle;

public sealed class UserAdministrationTests(DatabaseFixture database) : IntegrationTest(database)
{
    private const string Me = "/api/v1/users/me";

    private async Task<HttpStatusCode> SignInStatusAsync(TestClient client, string password = StrongPassword)
    {
        using var response = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", password)],
            Basic(client));
        return response.StatusCode;
    }

    [Fact]
    public async Task List_and_show_describe_users_without_passwords()
    {
        await SignedUpUserAsync();

        var list = await RunAdminAsync("users", "list", "--json");
        var show = await RunAdminAsync("users", "show", "ALICE");

        list.ExitCode.Should().Be(AdminExitCode.Success);
        using var users = JsonDocument.Parse(list.Output);
        users.RootElement[0].GetProperty("username").GetString().Should().Be("alice");
        list.Output.Should().NotContain(StrongPassword).And.NotContainEquivalentOf("hash");
        show.Output.Should().Contain("alice");
    }

    [Fact]
    public async Task Deactivation_ends_tokens_and_sign_in_and_activation_revives_sign_in_only()
    {
        var client = await SignedUpUserAsync();
        var pair = await SignInAsync(client, "alice");

        (await RunAdminAsync("users", "deactivate", "alice")).ExitCode.Should().Be(AdminExitCode.Success);

        (await StatusOfAsync(Me, pair.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        (await SignInStatusAsync(client)).Should().Be(HttpStatusCode.BadRequest);

        Time.Advance(TimeSpan.FromSeconds(1));
        (await RunAdminAsync("users", "activate", "alice")).ExitCode.Should().Be(AdminExitCode.Success);

        (await SignInStatusAsync(client)).Should().Be(HttpStatusCode.OK);
        (await StatusOfAsync(Me, pair.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Unlock_ends_a_lockout()
    {
        var client = await SignedUpUserAsync();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await SignInStatusAsync(client, "not the password");
        }

        (await SignInStatusAsync(client)).Should().Be(HttpStatusCode.BadRequest);

        (await RunAdminAsync("users", "unlock", "alice")).ExitCode.Should().Be(AdminExitCode.Success);

        (await SignInStatusAsync(client)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_password_reset_prints_a_one_time_password_and_ends_every_session()
    {
        var client = await SignedUpUserAsync();
        var pair = await SignInAsync(client, "alice");

        var (exitCode, output, _) = await RunAdminAsync("users", "reset-password", "alice", "--json");

        exitCode.Should().Be(AdminExitCode.Success);
        using var reset = JsonDocument.Parse(output);
        var password = reset.RootElement.GetProperty("password").GetString()!;
        (await StatusOfAsync(Me, pair.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        using (var refresh = await RefreshAsync(client, pair.RefreshToken))
        {
            refresh.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        Time.Advance(TimeSpan.FromSeconds(1));
        (await SignInStatusAsync(client, password)).Should().Be(HttpStatusCode.OK);
        (await SignInStatusAsync(client)).Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_deleted_users_tokens_never_come_back_even_for_a_new_user_of_the_same_name()
    {
        var client = await SignedUpUserAsync();
        var pair = await SignInAsync(client, "alice");

        (await RunAdminAsync("users", "delete", "alice")).ExitCode.Should().Be(AdminExitCode.Success);
        await SignedUpUserAsync("alice", client);

        (await StatusOfAsync(Me, pair.AccessToken)).Should().Be(HttpStatusCode.Unauthorized);
        using var refresh = await RefreshAsync(client, pair.RefreshToken);
        refresh.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await SignInStatusAsync(client)).Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("show")]
    [InlineData("deactivate")]
    [InlineData("activate")]
    [InlineData("unlock")]
    [InlineData("reset-password")]
    [InlineData("delete")]
    public async Task Unknown_users_are_exit_code_2(string verb)
    {
        var (exitCode, _, error) = await RunAdminAsync("users", verb, "nobody");

        exitCode.Should().Be(AdminExitCode.NotFound);
        error.Should().Contain("users list");
    }
}
