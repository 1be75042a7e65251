using System.Net;
using CleanAuth.WebApi.Authentication;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using CleanAuth.WebApi.RateLimiting;
using Microsoft.Extensions.Primitives;

namespace CleanAuth.WebApi.IntegrationTests.Authentication;

/// <summary>How <c>Authorization</c> header values are read, without a server.</summary>
public sealed class BearerHeaderTests
{
    private const string Token = "ca_at_AbC-d.e_f~g+h/i==";

    [Theory]
    [InlineData("Bearer " + Token)]
    [InlineData("bearer " + Token)]
    [InlineData("BEARER " + Token)]
    [InlineData("bEaReR " + Token)]
    [InlineData("Bearer   " + Token)]
    public void One_token_after_the_scheme_in_any_case_is_read(string header)
    {
        var read = BearerHeader.Read(new StringValues(header));

        read.Kind.Should().Be(BearerHeaderKind.Token);
        read.Token.Should().Be(Token);
    }

    [Fact]
    public void No_header_is_missing_credentials()
    {
        BearerHeader.Read(StringValues.Empty).Kind.Should().Be(BearerHeaderKind.Missing);
    }

    [Theory]
    [InlineData("Basic YWxpY2U6c2VjcmV0")]
    [InlineData("Digest")]
    [InlineData("DPoP " + Token)]
    [InlineData("Bearerx " + Token)]
    [InlineData("Token " + Token)]
    [InlineData("Bea rer " + Token)]
    public void Other_schemes_are_not_bearer_attempts(string header)
    {
        BearerHeader.Read(new StringValues(header)).Kind.Should().Be(BearerHeaderKind.OtherScheme);
    }

    [Theory]
    // No token, or an empty one.
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearer    ")]
    [InlineData("")]
    [InlineData(" ")]
    // More than one token, or trailing garbage.
    [InlineData("Bearer " + Token + " " + Token)]
    [InlineData("Bearer " + Token + " extra")]
    [InlineData("Bearer " + Token + " ")]
    [InlineData("Bearer " + Token + ",")]
    [InlineData("Bearer " + Token + ", Bearer " + Token)]
    [InlineData("Bearer " + Token + "\t")]
    // Bytes outside the b64token alphabet (RFC 6750 §2.1).
    [InlineData("Bearer ca_at_a\"b")]
    [InlineData("Bearer ca_at_a,b")]
    [InlineData("Bearer ca_at_a;b")]
    [InlineData("Bearer ca_at_a:b")]
    [InlineData("Bearer ca_at_a%41")]
    [InlineData("Bearer ca_at_a=b")]
    [InlineData("Bearer ====")]
    [InlineData("Bearer ca_at_a\u0000b")]
    [InlineData("Bearer ca_at_a\u007fb")]
    [InlineData("Bearer\t" + Token)]
    [InlineData("Bearer\u00a0" + Token)]
    // Outside ASCII: look-alike letters, Latin-1, replacement and unpaired surrogate characters.
    [InlineData("Bearer ca_at_\u0430bc")]
    [InlineData("Bearer ca_at_\u00e9t\u00e9")]
    [InlineData("Bearer ca_at_\ufffd")]
    [InlineData("Bearer ca_at_\ud800")]
    [InlineData("Bearer ca_at_\U0001F511")]
    [InlineData("B\u0435arer " + Token)]
    // Schemes that are not tokens at all.
    [InlineData("\"Bearer\" " + Token)]
    [InlineData(" Bearer " + Token)]
    public void Anything_else_is_a_malformed_bearer_attempt(string header)
    {
        var read = BearerHeader.Read(new StringValues(header));

        read.Kind.Should().Be(BearerHeaderKind.Malformed);
        read.Token.Should().BeNull();
    }

    [Fact]
    public void A_token_longer_than_any_issued_is_malformed()
    {
        BearerHeader.Read(new StringValues("Bearer " + new string('a', 1025))).Kind
            .Should().Be(BearerHeaderKind.Malformed);
        BearerHeader.Read(new StringValues("Bearer " + new string('a', 1024))).Kind
            .Should().Be(BearerHeaderKind.Token);
    }

    [Fact]
    public void Two_headers_are_malformed_even_when_both_are_good()
    {
        var read = BearerHeader.Read(new StringValues(["Bearer " + Token, "Bearer " + Token]));

        read.Kind.Should().Be(BearerHeaderKind.Malformed);
    }

    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1")]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::ffff", "2001:db8:1:2::/64")]
    [InlineData("::1", "::/64")]
    public void Addresses_are_counted_per_ipv4_address_or_ipv6_64(string address, string partition)
    {
        ClientAddress.PartitionKey(IPAddress.Parse(address)).Should().Be(partition);
    }
}

/// <summary>The same refusals through the running app: every malformed header is a 401 challenge.</summary>
public sealed class MalformedBearerHeaderTests(DatabaseFixture database) : IntegrationTest(database)
{
    [Theory]
    [InlineData("Bearer ca_at_\u00e9t\u00e9")]
    [InlineData("Bearer ca_at_\u0430bc")]
    [InlineData("Bearer ca_at_a\u0000b")]
    [InlineData("Bearer ca_at_a\"b")]
    [InlineData("Bearer\t" + "ca_at_abc")]
    public async Task Malformed_headers_are_invalid_token_401s(string header)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/announcements");
        request.Headers.TryAddWithoutValidation("Authorization", header);

        using var response = await Http.SendAsync(request, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().StartWith("Bearer error=\"invalid_token\"");
    }

    [Theory]
    [InlineData("=")]
    [InlineData("==")]
    public async Task A_genuine_token_spelled_another_way_is_refused(string padding)
    {
        var token = await GetClientTokenAsync(await CreateClientAsync());

        using var genuine = await GetAsync("/api/v1/announcements", token);
        using var padded = await GetAsync("/api/v1/announcements", token + padding);

        genuine.StatusCode.Should().Be(HttpStatusCode.OK);
        padded.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
