using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;

namespace CleanAuth.Benchmarks.Driver;

/// <summary>
/// How long a revoked token still works on another instance. Per round: a new client token from
/// the issuer; one request on the observer to see it accepted (so the observer has met the token,
/// as it would in real traffic); revocation on the issuer (RFC 7009); then requests on the observer
/// until it answers 401. The figure is the time from the revocation's answer to that 401.
/// </summary>
internal static class RevocationProbe
{
    private const string ProtectedPath = "/bench/client";

    public static async Task<int> RunAsync(Arguments arguments)
    {
        var issuer = arguments.LoopbackUrl("issuer");
        var observer = arguments.LoopbackUrl("observer");
        var count = arguments.Int("count", max: 10_000);
        var timeout = TimeSpan.FromMilliseconds(arguments.Int("timeout-ms", fallback: 5000, max: 60_000));
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Uri.EscapeDataString(Arguments.Environment("BENCH_CLIENT_ID"))}:"
            + Uri.EscapeDataString(Arguments.Environment("BENCH_CLIENT_SECRET"))));

        using var client = Report.LoopbackClient(4);
        var latencies = new List<double>(count);
        var timeouts = 0;
        var refusedAtFirstLook = 0;
        long polls = 0;

        for (var round = 0; round < count; round++)
        {
            var token = await IssueAsync(client, issuer, basic);
            if (await GetAsync(client, observer, token) != HttpStatusCode.OK)
            {
                throw new InvalidOperationException("The observer refused a fresh token before its revocation.");
            }

            await RevokeAsync(client, issuer, basic, token);
            var sinceRevoked = Stopwatch.StartNew();
            var refused = false;
            var pollsThisRound = 0;
            while (sinceRevoked.Elapsed < timeout)
            {
                pollsThisRound++;
                if (await GetAsync(client, observer, token) == HttpStatusCode.Unauthorized)
                {
                    refused = true;
                    break;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(1));
            }

            polls += pollsThisRound;
            if (!refused)
            {
                timeouts++;
                continue;
            }

            refusedAtFirstLook += pollsThisRound == 1 ? 1 : 0;
            latencies.Add(sinceRevoked.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        Report.Line("revocations", count);
        Report.Line("timeouts", timeouts);
        Report.Line("timeout_ms", timeout.TotalMilliseconds);
        Report.Line("refused_at_first_look", refusedAtFirstLook);
        Report.Line("polls", polls);
        Report.Line("p50_ms", Report.Percentile(latencies, 50));
        Report.Line("p99_ms", Report.Percentile(latencies, 99));
        Report.Line("max_ms", latencies.Count == 0 ? double.NaN : latencies[^1]);
        return 0;
    }

    private static async Task<string> IssueAsync(HttpClient client, Uri issuer, string basic)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(issuer, "/oauth/token"))
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
        return body?.AccessToken ?? throw new InvalidOperationException("The token endpoint sent no access_token.");
    }

    private static async Task RevokeAsync(HttpClient client, Uri issuer, string basic, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(issuer, "/oauth/revoke"))
        {
            Content = new FormUrlEncodedContent([new("token", token), new("token_type_hint", "access_token")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<HttpStatusCode> GetAsync(HttpClient client, Uri observer, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(observer, ProtectedPath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private sealed record TokenResponse([property: JsonPropertyName("access_token")] string? AccessToken);
}
