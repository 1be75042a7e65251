using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using CleanAuth.Application.Clients.ChangeClientStatus;
using CleanAuth.Domain.Clients;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Npgsql;

namespace CleanAuth.WebApi.IntegrationTests.OAuth;

public sealed class TokenEndpointTests(DatabaseFixture database) : IntegrationTest(database)
{
    [Fact]
    public async Task Client_credentials_by_http_basic_get_a_client_token()
    {
        var client = await CreateClientAsync();

        using var response = await PostTokenAsync([new("grant_type", "client_credentials")], Basic(client));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.Pragma.ToString().Should().Be("no-cache");
        var body = await ReadJsonAsync(response);
        body.GetProperty("access_token").GetString().Should().StartWith("ca_at_");
        body.GetProperty("token_type").GetString().Should().Be("Bearer");
        body.GetProperty("expires_in").GetInt64().Should().Be(3600);
        body.TryGetProperty("refresh_token", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Client_credentials_in_a_form_body_get_a_client_token()
    {
        var client = await CreateClientAsync();

        using var response = await PostTokenAsync(
        [
            new("grant_type", "client_credentials"),
            new("client_id", client.ClientId),
            new("client_secret", client.ClientSecret),
        ]);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_json_body_is_accepted_too()
    {
        var client = await CreateClientAsync();

        using var response = await Http.PostAsJsonAsync(
            "/oauth/token",
            new { grant_type = "client_credentials", client_id = client.ClientId, client_secret = client.ClientSecret },
            Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_key_and_a_wrong_secret_get_the_same_answer()
    {
        var client = await CreateClientAsync();

        using var unknownKey = await PostTokenAsync(
            [new("grant_type", "client_credentials")],
            Basic(client with { ClientId = "ca_ck_unknown" }));
        using var wrongSecret = await PostTokenAsync(
            [new("grant_type", "client_credentials")],
            Basic(client with { ClientSecret = "ca_cs_wrong" }));

        foreach (var response in new[] { unknownKey, wrongSecret })
        {
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            response.Headers.WwwAuthenticate.ToString().Should().StartWith("Basic");
            response.Headers.CacheControl!.NoStore.Should().BeTrue();
        }

        var unknownKeyBody = await unknownKey.Content.ReadAsStringAsync(Cancellation);
        unknownKeyBody.Should().Be(await wrongSecret.Content.ReadAsStringAsync(Cancellation));
        (await ReadJsonAsync(unknownKey)).GetProperty("error").GetString().Should().Be("invalid_client");
    }

    [Fact]
    public async Task A_deactivated_client_gets_no_token()
    {
        var client = await CreateClientAsync();
        await SendAsync(sender => sender.Send(new ChangeClientStatus(client.ClientId, Active: false), Cancellation));

        using var response = await PostTokenAsync([new("grant_type", "client_credentials")], Basic(client));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_client");
    }

    [Fact]
    public async Task An_expired_client_gets_no_token()
    {
        var client = await CreateClientAsync(expiresAt: Time.GetUtcNow().AddDays(1));
        Time.Advance(TimeSpan.FromDays(1));

        using var response = await PostTokenAsync([new("grant_type", "client_credentials")], Basic(client));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_client_may_use_only_the_grants_it_was_given()
    {
        var client = await CreateClientAsync(GrantTypes.Password);

        using var response = await PostTokenAsync([new("grant_type", "client_credentials")], Basic(client));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("unauthorized_client");
    }

    [Theory]
    [InlineData(null, "invalid_request")]
    [InlineData("authorization_code", "unsupported_grant_type")]
    [InlineData("urn:ietf:params:oauth:grant-type:device_code", "unsupported_grant_type")]
    public async Task Missing_or_unknown_grant_types_are_standard_errors(string? grantType, string error)
    {
        var client = await CreateClientAsync();
        var parameters = grantType is null
            ? []
            : new List<KeyValuePair<string, string>> { new("grant_type", grantType) };

        using var response = await PostTokenAsync(parameters, Basic(client));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be(error);
    }

    [Fact]
    public async Task Missing_client_credentials_are_invalid_client()
    {
        using var response = await PostTokenAsync([new("grant_type", "client_credentials")]);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_client");
    }

    [Fact]
    public async Task Credentials_in_both_the_header_and_the_body_are_refused()
    {
        var client = await CreateClientAsync();

        using var response = await PostTokenAsync(
            [new("grant_type", "client_credentials"), new("client_secret", client.ClientSecret)],
            Basic(client));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_request");
    }

    [Fact]
    public async Task A_repeated_parameter_is_refused()
    {
        var client = await CreateClientAsync();

        using var response = await PostTokenAsync(
            [new("grant_type", "client_credentials"), new("grant_type", "password")],
            Basic(client));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_request");
    }

    [Theory]
    [InlineData("text/plain", "grant_type=client_credentials")]
    [InlineData("application/json", "{\"grant_type\": ")]
    [InlineData("application/json", "[\"client_credentials\"]")]
    [InlineData("application/json", "{\"grant_type\": 42}")]
    [InlineData("application/json", "{\"grant_type\": \"client_credentials\", \"grant_type\": \"password\"}")]
    [InlineData("application/x-www-form-urlencoded", "%%%=%%%&grant_type")]
    public async Task Unreadable_bodies_are_invalid_request(string contentType, string body)
    {
        var client = await CreateClientAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.Authorization = Basic(client);

        using var response = await Http.SendAsync(request, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_request");
    }

    [Fact]
    public async Task An_oversized_secret_is_refused_as_a_bad_request()
    {
        var client = await CreateClientAsync();

        using var response = await PostTokenAsync(
        [
            new("grant_type", "client_credentials"),
            new("client_id", client.ClientId),
            new("client_secret", new string('x', 5000)),
        ]);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_request");
    }

    [Fact]
    public async Task The_stored_hash_presented_as_a_secret_is_refused()
    {
        var client = await CreateClientAsync();
        await using var connection = await Database.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT secret_hash FROM api_clients", connection);
        var storedHash = (byte[])(await query.ExecuteScalarAsync(Cancellation))!;

        foreach (var presented in new[] { Convert.ToHexString(storedHash), Convert.ToBase64String(storedHash) })
        {
            using var response = await PostTokenAsync(
                [new("grant_type", "client_credentials")],
                Basic(client with { ClientSecret = presented }));
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Only_hashes_of_secrets_and_tokens_are_stored()
    {
        var client = await CreateClientAsync();
        var token = await GetClientTokenAsync(client);

        await using var connection = await Database.OpenAsync();
        await using var secrets = new NpgsqlCommand("SELECT secret_hash FROM api_clients", connection);
        var secretHash = (byte[])(await secrets.ExecuteScalarAsync(Cancellation))!;
        await using var tokens = new NpgsqlCommand("SELECT token_hash FROM access_tokens", connection);
        var tokenHash = (byte[])(await tokens.ExecuteScalarAsync(Cancellation))!;

        secretHash.Should().Equal(SHA256.HashData(Encoding.UTF8.GetBytes(client.ClientSecret)));
        tokenHash.Should().Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

        await using var dump = new NpgsqlCommand(
            "SELECT string_agg(t::text, ' ') FROM (SELECT * FROM api_clients) t "
            + "UNION ALL SELECT string_agg(t::text, ' ') FROM (SELECT * FROM access_tokens) t",
            connection);
        await using var reader = await dump.ExecuteReaderAsync(Cancellation);
        while (await reader.ReadAsync(Cancellation))
        {
            var rows = reader.GetString(0);
            rows.Should().NotContain(client.ClientSecret).And.NotContain(token);
        }
    }

    [Fact]
    public async Task Obtaining_a_token_records_when_the_client_was_last_used()
    {
        var client = await CreateClientAsync();

        await GetClientTokenAsync(client);

        var summary = await SendAsync(sender => sender.Send(
            new CleanAuth.Application.Clients.GetClient.GetClient(client.ClientId), Cancellation));
        summary!.LastUsedAt.Should().Be(Time.GetUtcNow());
    }

    [Fact]
    public async Task Parallel_token_requests_each_get_a_distinct_token()
    {
        var client = await CreateClientAsync();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => GetClientTokenAsync(client)));

        tokens.Should().OnlyHaveUniqueItems().And.HaveCount(64);
    }
}
