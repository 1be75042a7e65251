using System.Net;
using System.Net.Http.Headers;
using CleanAuth.Application.Clients.ChangeClientStatus;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Protection;

/// <summary>
/// What every protected endpoint must do with bad credentials, whichever attribute guards it.
/// Each kind of endpoint inherits this suite and says how to call it and which token it takes.
/// </summary>
public abstract class ProtectedEndpointContract(DatabaseFixture database) : IntegrationTest(database)
{
    /// <summary>A request to the endpoint, without credentials.</summary>
    protected abstract HttpRequestMessage CreateRequest();

    /// <summary>A token the endpoint accepts, and the client it came from.</summary>
    protected abstract Task<(TestClient Client, string Token)> AcceptedTokenAsync();

    /// <summary>The lifetime of the accepted token.</summary>
    protected abstract TimeSpan AcceptedTokenLifetime { get; }

    private async Task<HttpResponseMessage> SendAsync(Action<HttpRequestMessage>? authorize)
    {
        var request = CreateRequest();
        authorize?.Invoke(request);
        return await Http.SendAsync(request, Cancellation);
    }

    private Task<HttpResponseMessage> SendWithHeaderAsync(string authorization) =>
        SendAsync(request => request.Headers.TryAddWithoutValidation("Authorization", authorization));

    private static async Task ShouldBeInvalidTokenAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer error=\"invalid_token\"");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task An_accepted_token_passes()
    {
        var (_, token) = await AcceptedTokenAsync();

        using var response = await SendAsync(request => request.Headers.Authorization = Bearer(token));

        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task The_scheme_name_is_case_insensitive()
    {
        var (_, token) = await AcceptedTokenAsync();

        using var response = await SendWithHeaderAsync("bEaReR " + token);

        response.IsSuccessStatusCode.Should().BeTrue();
    }

    [Fact]
    public async Task No_credentials_get_a_bare_challenge()
    {
        using var response = await SendAsync(null);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
    }

    [Fact]
    public async Task Another_scheme_counts_as_no_bearer_credentials()
    {
        using var response = await SendWithHeaderAsync("Basic YWxpY2U6c2VjcmV0");

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Be("Bearer");
    }

    [Theory]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer not-a-token")]
    [InlineData("Bearer ca_at_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Bearer ca_at_!!!!")]
    [InlineData("Bearer a b")]
    public async Task Garbage_and_forged_tokens_are_invalid(string authorization)
    {
        using var response = await SendWithHeaderAsync(authorization);

        await ShouldBeInvalidTokenAsync(response);
    }

    [Fact]
    public async Task Trailing_garbage_after_a_genuine_token_is_refused()
    {
        var (_, token) = await AcceptedTokenAsync();

        using var response = await SendWithHeaderAsync($"Bearer {token} extra");

        await ShouldBeInvalidTokenAsync(response);
    }

    [Fact]
    public async Task A_tampered_token_is_invalid()
    {
        var (_, token) = await AcceptedTokenAsync();
        var position = token.Length / 2;
        var tampered = token[..position] + (token[position] == 'A' ? 'B' : 'A') + token[(position + 1)..];

        using var response = await SendAsync(request => request.Headers.Authorization = Bearer(tampered));

        await ShouldBeInvalidTokenAsync(response);
    }

    [Fact]
    public async Task An_expired_token_says_it_expired()
    {
        var (_, token) = await AcceptedTokenAsync();
        Time.Advance(AcceptedTokenLifetime);

        using var response = await SendAsync(request => request.Headers.Authorization = Bearer(token));

        await ShouldBeInvalidTokenAsync(response);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("expired");
    }

    [Fact]
    public async Task A_token_dies_with_its_client_and_stays_dead_after_reactivation()
    {
        var (client, token) = await AcceptedTokenAsync();
        Time.Advance(TimeSpan.FromSeconds(1));

        await SendAsync(sender => sender.Send(new ChangeClientStatus(client.ClientId, Active: false), Cancellation));
        using var whileDeactivated = await SendAsync(request => request.Headers.Authorization = Bearer(token));
        Time.Advance(TimeSpan.FromSeconds(1));
        await SendAsync(sender => sender.Send(new ChangeClientStatus(client.ClientId, Active: true), Cancellation));
        using var afterReactivation = await SendAsync(request => request.Headers.Authorization = Bearer(token));

        await ShouldBeInvalidTokenAsync(whileDeactivated);
        await ShouldBeInvalidTokenAsync(afterReactivation);
        afterReactivation.Headers.WwwAuthenticate.ToString().Should().NotContain("expired");
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_never_accepted()
    {
        var (_, token) = await AcceptedTokenAsync();
        var request = CreateRequest();
        request.RequestUri = new Uri(request.RequestUri!.OriginalString + "?access_token=" + token, UriKind.Relative);

        using var response = await Http.SendAsync(request, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Two_authorization_headers_are_refused()
    {
        var (_, token) = await AcceptedTokenAsync();
        var request = CreateRequest();
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + token, "Bearer " + token]);

        using var response = await Http.SendAsync(request, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}

/// <summary>The contract for endpoints behind [ClientAuthorize]: client and user tokens both pass.</summary>
public abstract class ClientEndpointContract(DatabaseFixture database) : ProtectedEndpointContract(database)
{
    protected override TimeSpan AcceptedTokenLifetime => TimeSpan.FromHours(1);

    protected override async Task<(TestClient Client, string Token)> AcceptedTokenAsync()
    {
        var client = await CreateClientAsync();
        return (client, await GetClientTokenAsync(client));
    }

    [Fact]
    public async Task A_user_token_passes_too()
    {
        var (_, userToken) = await SignedInUserAsync();
        var request = CreateRequest();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", userToken);

        using var response = await Http.SendAsync(request, Cancellation);

        response.IsSuccessStatusCode.Should().BeTrue();
    }
}

/// <summary>The contract for endpoints behind [ClientAndUserAuthorize]: only user tokens pass.</summary>
public abstract class ClientAndUserEndpointContract(DatabaseFixture database) : ProtectedEndpointContract(database)
{
    protected override TimeSpan AcceptedTokenLifetime => TimeSpan.FromMinutes(15);

    protected override Task<(TestClient Client, string Token)> AcceptedTokenAsync() => SignedInUserAsync();

    [Fact]
    public async Task A_client_token_is_the_wrong_kind()
    {
        var client = await CreateClientAsync();
        var request = CreateRequest();
        request.Headers.Authorization = Bearer(await GetClientTokenAsync(client));

        using var response = await Http.SendAsync(request, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token").And.Contain("user token");
    }

    [Fact]
    public async Task A_token_dies_when_its_user_is_deactivated()
    {
        var (_, token) = await AcceptedTokenAsync();
        await using (var connection = await Database.OpenAsync())
        {
            await using var deactivate = new Npgsql.NpgsqlCommand("UPDATE users SET is_active = false", connection);
            await deactivate.ExecuteNonQueryAsync(Cancellation);
        }

        await SyncTokenStateAsync();

        using var response = await Http.SendAsync(Authorized(token), Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_dies_when_its_user_is_deleted()
    {
        var (_, token) = await AcceptedTokenAsync();
        await using (var connection = await Database.OpenAsync())
        {
            await using var delete = new Npgsql.NpgsqlCommand("DELETE FROM users", connection);
            await delete.ExecuteNonQueryAsync(Cancellation);
        }

        await SyncTokenStateAsync();

        using var response = await Http.SendAsync(Authorized(token), Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private HttpRequestMessage Authorized(string token)
    {
        var request = CreateRequest();
        request.Headers.Authorization = Bearer(token);
        return request;
    }
}

public sealed class AnnouncementsEndpointTests(DatabaseFixture database) : ClientEndpointContract(database)
{
    protected override HttpRequestMessage CreateRequest() => new(HttpMethod.Get, "/api/v1/announcements");
}

public sealed class SignUpEndpointTests(DatabaseFixture database) : ClientEndpointContract(database)
{
    private int _signUps;

    protected override HttpRequestMessage CreateRequest() => new(HttpMethod.Post, "/api/v1/users")
    {
        Content = System.Net.Http.Json.JsonContent.Create(
            new { username = $"user{++_signUps}", password = StrongPassword }),
    };
}

public sealed class CurrentUserEndpointTests(DatabaseFixture database) : ClientAndUserEndpointContract(database)
{
    protected override HttpRequestMessage CreateRequest() => new(HttpMethod.Get, "/api/v1/users/me");
}

public sealed class NotesEndpointTests(DatabaseFixture database) : ClientAndUserEndpointContract(database)
{
    protected override HttpRequestMessage CreateRequest() => new(HttpMethod.Get, "/api/v1/notes");
}
