using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CleanAuth.WebApi.IntegrationTests.Abuse;

/// <summary>
/// Body and header limits, against a real Kestrel listener on a loopback port: the in-process
/// test server enforces neither.
/// </summary>
public sealed class KestrelLimitsTests(DatabaseFixture database) : IntegrationTest(database)
{
    private WebApplicationFactory<Program>? _kestrel;

    public override async ValueTask DisposeAsync()
    {
        if (_kestrel is not null)
        {
            await _kestrel.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>The app on 127.0.0.1 with a free port, and a client for it.</summary>
    private HttpClient StartKestrel(params string[] settings)
    {
        _kestrel = Factory.WithWebHostBuilder(builder =>
        {
            // Here rather than UseKestrel(0): a derived factory does not pass its port on.
            builder.UseUrls("http://127.0.0.1:0");
            for (var i = 0; i + 1 < settings.Length; i += 2)
            {
                builder.UseSetting(settings[i], settings[i + 1]);
            }
        });
        _kestrel.UseKestrel();
        _kestrel.StartServer();
        return _kestrel.CreateClient();
    }

    private static StringContent Form(int bytes) =>
        new("grant_type=client_credentials&padding=" + new string('x', bytes), Encoding.ASCII,
            "application/x-www-form-urlencoded");

    /// <summary>Sends the bytes on a fresh connection and returns what comes back before it closes.</summary>
    private static async Task<string> SendRawAsync(Uri server, string request, TimeSpan timeout)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port, Cancellation);
        var stream = tcp.GetStream();
        try
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), Cancellation);
        }
        catch (IOException)
        {
            // The server may answer and close while we are still sending.
        }

        using var reading = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        reading.CancelAfter(timeout);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, reading.Token)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // A reset after the answer still leaves the answer.
        }

        return Encoding.ASCII.GetString(received.ToArray());
    }

    [Fact]
    public async Task A_token_request_over_16_kib_is_413_with_an_oauth_body()
    {
        var http = StartKestrel();

        using var response = await http.PostAsync("/oauth/token", Form(17 * 1024), Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_request");
    }

    [Fact]
    public async Task A_chunked_token_request_over_16_kib_is_cut_off_with_413_too()
    {
        var http = StartKestrel();
        var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(
            "grant_type=client_credentials&padding=" + new string('x', 17 * 1024))));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await http.SendAsync(request, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await ReadJsonAsync(response)).GetProperty("error").GetString().Should().Be("invalid_request");
    }

    [Fact]
    public async Task A_token_request_under_the_limit_is_read()
    {
        var client = await CreateClientAsync();
        var http = StartKestrel();
        var content = Form(15 * 1024);
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = content };
        request.Headers.Authorization = Basic(client);

        using var response = await http.SendAsync(request, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/api/v1/users", 9 * 1024, true)]
    [InlineData("/api/v1/users", 9 * 1024, false)]
    [InlineData("/api/v1/notes", 65 * 1024, true)]
    [InlineData("/api/v1/notes", 65 * 1024, false)]
    public async Task Api_bodies_over_their_limit_are_413_problems(string path, int bytes, bool withLength)
    {
        var (_, token) = await SignedInUserAsync();
        var http = StartKestrel();
        var json = "{\"username\":\"" + new string('a', bytes) + "\",\"password\":\"x\"}";
        HttpContent content = withLength
            ? new StringContent(json, Encoding.UTF8, "application/json")
            : new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(json)))
            {
                Headers = { ContentType = new("application/json") },
            };
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.Authorization = Bearer(token);
        request.Headers.TransferEncodingChunked = !withLength;

        using var response = await http.SendAsync(request, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await ReadJsonAsync(response)).GetProperty("status").GetInt32().Should().Be(413);
    }

    [Fact]
    public async Task Oversized_headers_are_answered_431_at_once()
    {
        var http = StartKestrel();
        var watch = Stopwatch.StartNew();

        var answer = await SendRawAsync(
            http.BaseAddress!,
            "GET /health/live HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + new string('a', 20 * 1024) + "\r\n\r\n",
            TimeSpan.FromSeconds(10));

        answer.Should().StartWith("HTTP/1.1 431");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Many_small_headers_add_up_to_431_too()
    {
        var http = StartKestrel();
        var headers = new StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            headers.Append("X-Filler-").Append(i).Append(": ").Append('v', 40).Append("\r\n");
        }

        var answer = await SendRawAsync(
            http.BaseAddress!,
            "GET /health/live HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n",
            TimeSpan.FromSeconds(10));

        answer.Should().StartWith("HTTP/1.1 431");
    }

    [Fact]
    public async Task A_client_that_dribbles_its_headers_is_cut_off()
    {
        var http = StartKestrel("Limits:RequestHeadersTimeout", "00:00:01");
        var watch = Stopwatch.StartNew();

        var answer = await SendRawAsync(
            http.BaseAddress!,
            "GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Never-Ending: ",
            TimeSpan.FromSeconds(10));

        (answer.Length == 0 || answer.StartsWith("HTTP/1.1 408", StringComparison.Ordinal))
            .Should().BeTrue($"the server should close or answer 408, not: {answer}");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Kestrel_does_not_name_itself()
    {
        var http = StartKestrel();

        using var response = await http.GetAsync("/health/live", Cancellation);

        response.Headers.Contains("Server").Should().BeFalse();
    }
}
