using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using CleanAuth.WebApi.Authentication;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace CleanAuth.WebApi.IntegrationTests.Abuse;

/// <summary>
/// Thousands of generated malformed <c>Authorization</c> headers and token-endpoint requests
/// against the running app: none may end in a 5xx, and none may be accepted unless it carries
/// the genuine credentials. Every case has its own generator seeded from the run's seed and its
/// number, so a failure reproduces on its own: set <c>CLEANAUTH_FUZZ_SEED</c> to the seed a
/// failure reports (and <c>CLEANAUTH_FUZZ_CASES</c> to run more or fewer cases).
/// </summary>
public sealed class FuzzTests(DatabaseFixture database) : IntegrationTest(database)
{
    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~+/";

    private static readonly int Seed = Setting("CLEANAUTH_FUZZ_SEED", 20261204);

    /// <summary>Per test: 6,000 headers and 6,000 token requests by default.</summary>
    private static readonly int Cases = Setting("CLEANAUTH_FUZZ_CASES", 6000);

    private static readonly string[] ContentTypes =
    [
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=utf-8",
        "application/x-www-form-urlencoded; charset=utf-16",
        "application/x-www-form-urlencoded; charset=no-such-charset",
        "APPLICATION/X-WWW-FORM-URLENCODED",
        "application/json",
        "application/json; charset=utf-16",
        "application/json; charset=iso-8859-1",
        "application/json; charset=\"",
        "Application/Json",
        "application/json-patch+json",
        "application/x-www-form-urlencoded, application/json",
        "multipart/form-data; boundary=----fuzz",
        "text/plain",
        "*/*",
        ";;;",
        "application/",
        "",
    ];

    private static readonly string[] ParameterNames =
    [
        "grant_type", "client_id", "client_secret", "username", "password", "scope", "refresh_token", "code",
        "grant%5Ftype", "GRANT_TYPE", "grant_type[]", "", "=", "&",
    ];

    private static readonly string[] GrantTypes =
    [
        "client_credentials", "password", "refresh_token", "authorization_code", "CLIENT_CREDENTIALS", " password", "",
    ];

    private static readonly string[] Schemes =
    [
        "bearer", "BEARER", "Bearer ", "Bearer\t", "Bearer,", "Basic", "Token", "DPoP", "Bearer\u00a0",
        "B\u0435arer", "",
    ];

    private static readonly string[] Suffixes = [" ", ",", "\t", "\0", " x", "=", "%00", "\u00e9"];

    private static readonly string[] Escapes =
    [
        "\\u0000", "\\ud800", "\\udfff", "\\ud800\\u0041", "\\uDBFF\\uDFFF", "\\x41", "\\", "\\u12", "a\\nb", "\\u202e",
    ];

    private WebApplicationFactory<Program>? _quiet;

    private HttpClient _http = null!;

    private string _clientToken = string.Empty;

    private string _userToken = string.Empty;

    private TestClient _client = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();

        // Only warnings and errors: thousands of requests at the verbose level would only slow the run.
        _quiet = Factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
            foreach (var source in new[] { "Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "System.Net.Http" })
            {
                builder.UseSetting($"Serilog:MinimumLevel:Override:{source}", "Warning");
            }

            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, EchoAuthorization>());
        });
        _http = _quiet.CreateClient();

        (_client, _userToken) = await SignedInUserAsync("alice");
        _clientToken = await GetClientTokenAsync(_client);
    }

    public override async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _quiet!.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Malformed_authorization_headers_never_fault_and_never_pass()
    {
        var failures = await RunAsync(Cases, salt: 1, async (random, index) =>
        {
            var (values, path) = AuthorizationCase(random);
            var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Authorization", values);

            using var response = await _http.SendAsync(request, Cancellation);

            // The client library may normalise a header on the way, so judge what the server received.
            var read = BearerHeader.Read(EchoAuthorization.Received(response));
            var genuine = read.Kind == BearerHeaderKind.Token
                && (read.Token == _userToken || (read.Token == _clientToken && path == "/api/v1/announcements"));
            return Verdict(response.StatusCode, genuine, $"GET {path} with Authorization {Show(values)}");
        });

        failures.Should().BeEmpty($"every case should be answered without a fault or a forgery (seed {Seed})");
        Factory.Logs.Events.Should().NotContain(e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    [Fact]
    public async Task Malformed_token_requests_never_fault_and_never_get_a_token()
    {
        var failures = await RunAsync(Cases, salt: 2, async (random, index) =>
        {
            var (body, contentType, authorization, genuine) = TokenRequestCase(random);
            var content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token") { Content = content };
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var response = await _http.SendAsync(request, Cancellation);

            var described = $"POST /oauth/token, Content-Type {Show([contentType])}, Authorization "
                + $"{Show([authorization])}, body {Show([Encoding.Latin1.GetString(body)])}";
            return Verdict(response.StatusCode, genuine, described);
        });

        failures.Should().BeEmpty($"every case should be answered without a fault or a forgery (seed {Seed})");
        Factory.Logs.Events.Should().NotContain(e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    /// <summary>Tells the test which Authorization values the app received.</summary>
    private sealed class EchoAuthorization : IStartupFilter
    {
        private const string Header = "X-Test-Received-Authorization";

        public static StringValues Received(HttpResponseMessage response) =>
            response.Headers.TryGetValues(Header, out var echoed)
                ? new StringValues(JsonSerializer.Deserialize<string[]>(Convert.FromBase64String(echoed.Single())))
                : StringValues.Empty;

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                var received = context.Request.Headers.Authorization.ToArray();
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers[Header] =
                        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(received));
                    return Task.CompletedTask;
                });
                return following(context);
            });
            next(app);
        };
    }

    private static string? Verdict(HttpStatusCode status, bool genuine, string described)
    {
        if ((int)status >= 500)
        {
            return $"{(int)status} for {described}";
        }

        if ((int)status is >= 200 and < 300 && !genuine)
        {
            return $"accepted ({(int)status}) {described}";
        }

        return null;
    }

    /// <summary>Runs the cases a few at a time and returns the first failures with their case numbers.</summary>
    private static async Task<List<string>> RunAsync(
        int cases,
        int salt,
        Func<Random, int, Task<string?>> runCase)
    {
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, cases),
            new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Cancellation },
            async (index, _) =>
            {
                if (failures.Count >= 20)
                {
                    return;
                }

                var random = new Random(HashCode.Combine(Seed, salt, index));
                if (await runCase(random, index) is { } failure)
                {
                    failures.Add($"case {index}: {failure}");
                }
            });

        return [.. failures.OrderBy(f => f, StringComparer.Ordinal).Take(20)];
    }

    private (string[] Values, string Path) AuthorizationCase(Random random)
    {
        var path = random.Next(2) == 0 ? "/api/v1/announcements" : "/api/v1/users/me";
        var token = random.Next(2) == 0 ? _clientToken : _userToken;
        string header = random.Next(10) switch
        {
            0 => RandomText(random, random.Next(300), printableAsciiOnly: true),
            1 => RandomText(random, random.Next(120), printableAsciiOnly: false),
            2 => "Bearer " + (random.Next(2) == 0 ? "ca_at_" : string.Empty)
                + RandomFrom(random, TokenAlphabet, 1 + random.Next(1100)),
            3 => "Bearer " + Mutate(random, token),
            4 => Pick(random, Schemes) + " " + token,
            5 => "Bearer " + token + (random.Next(10) == 0 ? ", Bearer " + token : Pick(random, Suffixes)),
            6 => "Bearer " + new string('A', 1000 + random.Next(64 * 1024)),
            7 => "Bearer " + Substitute(random, token),
            8 => "Basic " + Convert.ToBase64String(RandomBytes(random, random.Next(200))),
            _ => "Bearer " + token[..random.Next(token.Length)],
        };

        if (random.Next(12) == 0)
        {
            return ([header, "Bearer " + token], path);
        }

        return ([header], path);
    }

    private (byte[] Body, string? ContentType, string? Authorization, bool Genuine) TokenRequestCase(Random random)
    {
        var contentType = random.Next(8) == 0 ? null : Pick(random, ContentTypes);
        switch (random.Next(8))
        {
            case 0:
                return (RandomBytes(random, random.Next(2000)), contentType, RandomAuthorization(random), false);

            case 1:
                return (Encoding.UTF8.GetBytes(RandomForm(random)), contentType, RandomAuthorization(random), false);

            case 2:
                return (RandomJson(random), contentType, RandomAuthorization(random), false);

            case 3:
                {
                    // The genuine client with a secret changed in some way: must never get a token.
                    var secret = Mutate(random, _client.ClientSecret);
                    return random.Next(3) switch
                    {
                        0 => (Form(("grant_type", "client_credentials")), "application/x-www-form-urlencoded",
                            BasicHeader(_client.ClientId, secret), false),
                        1 => (Form(("grant_type", "client_credentials"), ("client_id", _client.ClientId),
                            ("client_secret", secret)), "application/x-www-form-urlencoded", null, false),
                        _ => (JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string>
                        {
                            ["grant_type"] = "client_credentials",
                            ["client_id"] = _client.ClientId,
                            ["client_secret"] = secret,
                        }), "application/json", null, false),
                    };
                }

            case 4 when random.Next(8) == 0:
                // The genuine user with a changed password: must never get a token. Rarer than the
                // others, because each one costs a deliberately slow password hash.
                return (Form(("grant_type", "password"), ("username", "alice"),
                        ("password", Mutate(random, StrongPassword))), "application/x-www-form-urlencoded",
                    BasicHeader(_client.ClientId, _client.ClientSecret), false);

            case 4:
            case 5:
                // Genuine credentials with garbage around them: may succeed, must not fault.
                return (Encoding.UTF8.GetBytes("grant_type=client_credentials&" + RandomForm(random)), contentType,
                    BasicHeader(_client.ClientId, _client.ClientSecret), true);

            case 6:
                var nested = new string('[', random.Next(10_000)) + new string(']', random.Next(100));
                return (Encoding.UTF8.GetBytes(nested), "application/json", RandomAuthorization(random), false);

            default:
                var text = RandomText(random, random.Next(20_000), printableAsciiOnly: random.Next(2) == 0);
                return (Encoding.UTF8.GetBytes(text), contentType, RandomAuthorization(random), false);
        }
    }

    private string? RandomAuthorization(Random random) => random.Next(6) switch
    {
        0 => null,
        1 => BasicHeader(_client.ClientId, Mutate(random, _client.ClientSecret)),
        2 => "Basic " + Convert.ToBase64String(RandomBytes(random, random.Next(120))),
        3 => "Basic " + RandomText(random, random.Next(200), printableAsciiOnly: true),
        4 => "Bearer " + _clientToken,
        _ => RandomText(random, random.Next(100), printableAsciiOnly: false),
    };

    private string RandomForm(Random random)
    {
        var form = new StringBuilder();
        for (var i = random.Next(10); i > 0; i--)
        {
            var name = random.Next(4) == 0
                ? RandomText(random, random.Next(40), printableAsciiOnly: true)
                : Pick(random, ParameterNames);
            var value = random.Next(9) switch
            {
                0 => Pick(random, GrantTypes),
                1 => _client.ClientId,
                2 => Mutate(random, _client.ClientSecret),
                3 => Pick(random, ["%", "%0", "%zz", "%00", "%C0%AF", "%ED%A0%80", "%FF%FE", "+", "%2B", "&", "="]),
                4 => new string('x', random.Next(20_000)),
                5 => string.Empty,
                6 => RandomText(random, random.Next(80), printableAsciiOnly: false),
                _ => Uri.EscapeDataString(RandomText(random, random.Next(80), printableAsciiOnly: true)),
            };
            form.Append(name).Append(random.Next(10) == 0 ? string.Empty : "=").Append(value)
                .Append(Pick(random, ["&", "&", "&", "&&", ";", ""]));
        }

        return form.ToString();
    }

    private byte[] RandomJson(Random random)
    {
        var json = new StringBuilder(random.Next(20) == 0 ? "\uFEFF" : string.Empty).Append('{');
        for (var i = random.Next(8); i > 0; i--)
        {
            var name = random.Next(3) == 0 ? Pick(random, Escapes) : Pick(random, ParameterNames);
            json.Append('"').Append(name).Append("\":");
            json.Append(random.Next(8) switch
            {
                0 => "\"" + Pick(random, GrantTypes) + "\"",
                1 => "\"" + _client.ClientId + "\"",
                2 => "\"" + Mutate(random, _client.ClientSecret) + "\"",
                3 => "\"" + Pick(random, Escapes) + "\"",
                4 => Pick(random, ["42", "-0", "1e999", "true", "null", "[]", "{}", "[\"a\",1]", "{\"a\":{\"b\":[]}}"]),
                5 => "\"" + new string('y', random.Next(20_000)) + "\"",
                6 => RandomText(random, random.Next(30), printableAsciiOnly: true),
                _ => JsonSerializer.Serialize(RandomText(random, random.Next(40), printableAsciiOnly: false)),
            });
            json.Append(i > 1 ? "," : string.Empty);
        }

        var bytes = Encoding.UTF8.GetBytes(json.Append(random.Next(10) == 0 ? string.Empty : "}").ToString()).ToList();
        if (random.Next(5) == 0 && bytes.Count > 0)
        {
            // Bytes that are not UTF-8: a lone continuation byte, an overlong form, a surrogate's encoding.
            byte[][] invalid = [[0x80], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF], [0xF4, 0x90, 0x80, 0x80]];
            bytes.InsertRange(random.Next(bytes.Count), invalid[random.Next(invalid.Length)]);
        }

        return [.. bytes];
    }

    /// <summary>The token or secret, changed so that it is certainly different.</summary>
    private static string Mutate(Random random, string original)
    {
        var text = new StringBuilder(original);
        var position = random.Next(text.Length);
        switch (random.Next(8))
        {
            case 0:
                text[position] = text[position] == 'A' ? 'B' : 'A';
                break;
            case 1:
                text.Remove(position, 1);
                break;
            case 2:
                text.Insert(position, TokenAlphabet[random.Next(TokenAlphabet.Length)]);
                break;
            case 3:
                text.Length = position;
                break;
            case 4:
                text.Append(RandomFrom(random, TokenAlphabet, 1 + random.Next(20)));
                break;
            case 5:
                var swap = random.Next(text.Length);
                (text[position], text[swap]) = (text[swap], text[position]);
                break;
            case 6:
                text.Clear().Append(random.Next(2) == 0 ? original.ToUpperInvariant() : original.ToLowerInvariant());
                break;
            default:
                text.Append(original);
                break;
        }

        var mutated = text.ToString();
        return mutated == original ? original + "A" : mutated;
    }

    /// <summary>One character replaced by something outside the token alphabet.</summary>
    private static string Substitute(Random random, string token)
    {
        var position = random.Next(token.Length);
        var replacement = Pick(random, ["\u0430", "\u00c0", "%41", "\0", " ", "\"", "\u200b", "\ufffd", "😀", "\\"]);
        return token[..position] + replacement + token[(position + 1)..];
    }

    private static byte[] Form(params (string Name, string Value)[] parameters) => Encoding.UTF8.GetBytes(string.Join(
        "&",
        parameters.Select(p => Uri.EscapeDataString(p.Name) + "=" + Uri.EscapeDataString(p.Value))));

    private static string BasicHeader(string id, string secret) => "Basic " + Convert.ToBase64String(
        Encoding.UTF8.GetBytes(Uri.EscapeDataString(id) + ":" + Uri.EscapeDataString(secret)));

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), CultureInfo.InvariantCulture, out var value)
            ? value
            : fallback;

    private static string RandomText(Random random, int length, bool printableAsciiOnly)
    {
        var text = new StringBuilder(length);
        while (text.Length < length)
        {
            var c = printableAsciiOnly ? (char)random.Next(0x20, 0x7F) : (char)random.Next(0, 0x10000);

            // Line breaks cannot travel in a header value; the server's parser refuses them long before the app.
            if (c is not '\r' and not '\n')
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }

    private static string RandomFrom(Random random, string alphabet, int length) =>
        string.Create(length, (random, alphabet), (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Pick(Random random, string[] choices) => choices[random.Next(choices.Length)];

    private static string Show(IEnumerable<string?> values)
    {
        var text = string.Join(" | ", values.Select(v => v is null ? "(none)" : JsonSerializer.Serialize(v)));
        return text.Length > 300 ? text[..300] + $"… ({text.Length} characters)" : text;
    }
}
