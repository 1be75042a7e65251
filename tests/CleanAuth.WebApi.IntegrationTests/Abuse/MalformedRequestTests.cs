using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Abuse;

/// <summary>Bodies that cannot be read, or read to values no database column could hold, are 400s.</summary>
public sealed class MalformedRequestTests(DatabaseFixture database) : IntegrationTest(database)
{
    private static ByteArrayContent Body(byte[] bytes, string? contentType)
    {
        var content = new ByteArrayContent(bytes);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    private static ByteArrayContent Body(string text, string? contentType) =>
        Body(Encoding.UTF8.GetBytes(text), contentType);

    private const string Json = "application/json";

    public static TheoryData<string, string?> UnreadableTokenBodies => new()
    {
        // JSON strings that decode to text PostgreSQL cannot store, or cannot be decoded at all.
        { """{"grant_type":"client_credentials","client_id":"ca_ck_\u0000","client_secret":"x"}""", Json },
        { """{"grant_type":"client_credentials","client_id":"\ud800","client_secret":"x"}""", Json },
        { """{"grant_type":"password","username":"al\u0000ice","password":"x","client_id":"a","client_secret":"b"}""",
            "application/json" },
        { "grant_type=client_credentials&client_id=ca_ck_%00&client_secret=x", "application/x-www-form-urlencoded" },
        { "grant_type=password&username=al%00ice&password=x&client_id=a&client_secret=b",
            "application/x-www-form-urlencoded" },
        { "grant_type=client_credentials&client_id=%ED%A0%80&client_secret=x", "application/x-www-form-urlencoded" },
        { new string('[', 5000), "application/json" },
        { "{\"grant_type\":\"client_credentials\"", "application/json; charset=utf-16" },
        { "grant_type=client_credentials", "application/x-www-form-urlencoded; charset=no-such-charset" },
        { "grant_type=client_credentials", "multipart/form-data; boundary=x" },
        { "grant_type=client_credentials&a[b=1", "application/x-www-form-urlencoded" },
        { "grant_type=client_credentials&a]b[=1&[=2", "application/x-www-form-urlencoded" },
        { "grant_type=client_credentials", null },
    };

    [Theory]
    [MemberData(nameof(UnreadableTokenBodies))]
    public async Task Unreadable_token_bodies_are_oauth_400s_or_401s(string body, string? contentType)
    {
        using var response = await Http.PostAsync("/oauth/token", Body(body, contentType), Cancellation);

        ((int)response.StatusCode).Should().BeOneOf(400, 401);
        (await ReadJsonAsync(response)).GetProperty("error").GetString()
            .Should().BeOneOf("invalid_request", "invalid_client");
    }

    [Theory]
    [InlineData("/api/v1/notes?a[b=1")]
    [InlineData("/api/v1/notes?[=1&]=2")]
    [InlineData("/api/v1/users/me?x[y][=z")]
    public async Task Query_keys_with_unbalanced_brackets_are_not_a_fault(string path)
    {
        var (_, userToken) = await SignedInUserAsync();

        using var response = await GetAsync(path, userToken);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_token_body_is_a_bad_request()
    {
        byte[] body = [.. "{\"grant_type\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        using var response = await Http.PostAsync("/oauth/token", Body(body, "application/json"), Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_request");
    }

    [Fact]
    public async Task Basic_credentials_that_decode_to_a_nul_are_refused_without_a_fault()
    {
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes("ca_ck_\0:secret"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", header);

        using var response = await Http.SendAsync(request, Cancellation);

        ((int)response.StatusCode).Should().BeOneOf(400, 401);
    }

    [Theory]
    [InlineData("""{"title":"nul\u0000","body":"x"}""")]
    [InlineData("""{"title":"t","body":"nul \u0000 inside"}""")]
    [InlineData("""{"title":"\udc00","body":"x"}""")]
    public async Task Note_text_the_database_cannot_store_is_a_validation_problem(string body)
    {
        var (_, userToken) = await SignedInUserAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/notes")
        {
            Content = Body(body, "application/json"),
        };
        request.Headers.Authorization = Bearer(userToken);

        using var response = await Http.SendAsync(request, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    public static TheoryData<byte[], string?> UnreadableSignUpBodies => new()
    {
        { [.. "{\"username\":\""u8, 0xFF, 0xFE, .. "\",\"password\":\"correct horse\"}"u8], "application/json" },
        { Encoding.UTF8.GetBytes("""{"username":"\ud800abc","password":"correct horse battery"}"""), Json },
        { Encoding.UTF8.GetBytes("""{"username":"ab\u0000c","password":"correct horse battery"}"""), Json },
        { Encoding.UTF8.GetBytes(new string('[', 5000)), "application/json" },
        { Encoding.UTF8.GetBytes("""{"username":["alice"],"password":{"a":1}}"""), "application/json" },
        { Encoding.UTF8.GetBytes("""{"username":"alice","password":"correct horse battery","username":"bob"}"""),
            "application/json" },
        { Encoding.UTF8.GetBytes("username=alice&password=x"), "application/x-www-form-urlencoded" },
        { Encoding.UTF8.GetBytes("{}"), "text/plain" },
        { Encoding.UTF8.GetBytes("{}"), null },
    };

    [Theory]
    [MemberData(nameof(UnreadableSignUpBodies))]
    public async Task Unreadable_sign_up_bodies_are_4xx_problems_and_create_nothing(byte[] body, string? contentType)
    {
        var token = await GetClientTokenAsync(await CreateClientAsync());
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/users") { Content = Body(body, contentType) };
        request.Headers.Authorization = Bearer(token);

        using var response = await Http.SendAsync(request, Cancellation);

        ((int)response.StatusCode).Should().BeOneOf(400, 415);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        await using var connection = await Database.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM users", connection);
        ((long)(await count.ExecuteScalarAsync(Cancellation))!).Should().Be(0);
    }
}
