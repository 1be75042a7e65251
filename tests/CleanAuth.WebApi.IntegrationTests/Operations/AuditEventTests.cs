using System.Net;
using CleanAuth.Application.Clients.ChangeClientStatus;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Serilog.Events;

namespace CleanAuth.WebApi.IntegrationTests.Operations;

/// <summary>
/// Security events carry stable event ids that alerts and audits select on, and identifiers
/// only. Captured by event id, as an alert rule would select them.
/// </summary>
public sealed class AuditEventTests(DatabaseFixture database) : IntegrationTest(database)
{
    private const int ClientTokenIssued = 1000;
    private const int UserTokenIssued = 1001;
    private const int ClientAuthenticationFailed = 1010;
    private const int SignInFailed = 1020;
    private const int UserLockedOut = 1021;
    private const int TokenRejected = 1030;
    private const int ClientDeactivated = 1041;

    private List<LogEvent> Events(int eventId) => [.. Factory.Logs.Events.Where(e => e.IsSecurityEvent(eventId))];

    private static string Property(LogEvent logEvent, string name) =>
        logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: var scalar }
            ? scalar?.ToString() ?? string.Empty
            : string.Empty;

    private Task<HttpResponseMessage> SignInAsync(TestClient client, string password) => PostTokenAsync(
        [new("grant_type", "password"), new("username", "alice"), new("password", password)],
        Basic(client));

    [Fact]
    public async Task Issued_tokens_are_recorded_with_their_ids_client_and_user()
    {
        var (client, _) = await SignedInUserAsync("alice");

        var clientIssued = Events(ClientTokenIssued).Should().ContainSingle().Subject;
        var userIssued = Events(UserTokenIssued).Should().ContainSingle().Subject;

        clientIssued.Level.Should().Be(LogEventLevel.Information);
        Property(clientIssued, "ClientId").Should().Be(client.ClientId);
        Guid.TryParse(Property(clientIssued, "TokenId"), out _).Should().BeTrue();
        Property(userIssued, "ClientId").Should().Be(client.ClientId);
        Guid.TryParse(Property(userIssued, "UserId"), out _).Should().BeTrue();
    }

    [Fact]
    public async Task Lockout_is_recorded_once_when_it_starts_and_not_for_attempts_during_it()
    {
        var (client, _) = await SignedInUserAsync("alice");
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await SignInAsync(client, "not the password");
        }

        Events(UserLockedOut).Should().BeEmpty("four wrong passwords do not lock the account");

        using (var fifth = await SignInAsync(client, "not the password"))
        {
            fifth.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        var lockedOut = Events(UserLockedOut).Should().ContainSingle("the fifth wrong password starts the lockout")
            .Subject;
        lockedOut.Level.Should().Be(LogEventLevel.Warning);
        Property(lockedOut, "UserId").Should().NotBeEmpty();

        using (var duringLockout = await SignInAsync(client, "not the password"))
        using (var rightDuringLockout = await SignInAsync(client, StrongPassword))
        {
            rightDuringLockout.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        }

        Events(UserLockedOut).Should().ContainSingle("attempts during the lockout do not start it again");
        var failures = Events(SignInFailed);
        failures.Should().HaveCount(7);
        failures.Select(e => Property(e, "Reason")).Should().Equal(
            "WrongPassword", "WrongPassword", "WrongPassword", "WrongPassword", "WrongPassword", "LockedOut",
            "LockedOut");
        failures.Should().OnlyContain(e => e.Level == LogEventLevel.Information);
    }

    [Fact]
    public async Task Failed_client_authentication_is_recorded_with_the_reason()
    {
        var client = await CreateClientAsync();

        using var wrong = await PostTokenAsync(
            [new("grant_type", "client_credentials")],
            Basic(client with { ClientSecret = "ca_cs_wrong" }));

        var failed = Events(ClientAuthenticationFailed).Should().ContainSingle().Subject;
        Property(failed, "ClientId").Should().Be(client.ClientId);
        Property(failed, "Reason").Should().Be("wrong secret");
    }

    [Fact]
    public async Task Rejected_tokens_are_recorded_with_the_reason()
    {
        var client = await CreateClientAsync();
        var token = await GetClientTokenAsync(client);
        var tampered = token[..^4] + (token[^4] == 'A' ? "BBBB" : "AAAA");

        using var forged = await GetAsync("/api/v1/announcements", tampered);
        Time.Advance(TimeSpan.FromHours(1));
        using var expired = await GetAsync("/api/v1/announcements", token);

        Events(TokenRejected).Select(e => Property(e, "Reason"))
            .Should().Equal("not a genuine token", "expired");
    }

    [Fact]
    public async Task Deactivating_a_client_is_recorded()
    {
        var client = await CreateClientAsync();

        await SendAsync(sender => sender.Send(new ChangeClientStatus(client.ClientId, Active: false), Cancellation));

        Property(Events(ClientDeactivated).Should().ContainSingle().Subject, "ClientId").Should().Be(client.ClientId);
    }
}
