using CleanAuth.Domain.Clients;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Domain.UnitTests;

public sealed class ApiClientTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private ApiClient NewClient(
        GrantTypes grants = GrantTypes.ClientCredentials | GrantTypes.Password,
        DateTimeOffset? expiresAt = null) =>
        ApiClient.Register(
            "Android 5.2",
            ClientPlatform.Android,
            "ca_ck_key",
            [1, 2, 3],
            grants,
            expiresAt,
            _time.GetUtcNow());

    [Fact]
    public void A_new_client_is_active_and_can_authenticate()
    {
        var client = NewClient();

        client.IsActive.Should().BeTrue();
        client.CanAuthenticateAt(_time.GetUtcNow()).Should().BeTrue();
        client.LastUsedAt.Should().BeNull();
    }

    [Fact]
    public void A_client_cannot_authenticate_from_its_expiry_on()
    {
        var client = NewClient(expiresAt: _time.GetUtcNow().AddDays(30));

        _time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        client.StatusAt(_time.GetUtcNow()).Should().Be(ClientStatus.Usable);

        _time.Advance(TimeSpan.FromSeconds(1));
        client.StatusAt(_time.GetUtcNow()).Should().Be(ClientStatus.Expired);
    }

    [Fact]
    public void A_deactivated_client_cannot_authenticate()
    {
        var client = NewClient();

        client.Deactivate(_time.GetUtcNow());

        client.StatusAt(_time.GetUtcNow()).Should().Be(ClientStatus.Deactivated);
    }

    [Fact]
    public void Reactivation_does_not_revive_tokens_issued_before_the_deactivation()
    {
        var client = NewClient();
        var issuedBefore = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromMinutes(1));
        client.Deactivate(_time.GetUtcNow());
        _time.Advance(TimeSpan.FromMinutes(1));

        client.Activate();

        client.AcceptsTokenIssuedAt(issuedBefore, _time.GetUtcNow()).Should().BeFalse();
        client.AcceptsTokenIssuedAt(_time.GetUtcNow(), _time.GetUtcNow()).Should().BeTrue();
    }

    [Fact]
    public void An_expired_client_accepts_none_of_its_tokens()
    {
        var client = NewClient(expiresAt: _time.GetUtcNow().AddHours(1));
        var issuedAt = _time.GetUtcNow();

        _time.Advance(TimeSpan.FromHours(1));

        client.AcceptsTokenIssuedAt(issuedAt, _time.GetUtcNow()).Should().BeFalse();
    }

    [Theory]
    [InlineData(GrantTypes.ClientCredentials, GrantTypes.ClientCredentials, true)]
    [InlineData(GrantTypes.ClientCredentials, GrantTypes.Password, false)]
    [InlineData(GrantTypes.Password, GrantTypes.Password, true)]
    [InlineData(GrantTypes.ClientCredentials | GrantTypes.Password, GrantTypes.Password, true)]
    [InlineData(GrantTypes.ClientCredentials | GrantTypes.Password, GrantTypes.None, false)]
    public void A_client_allows_only_its_grants(GrantTypes allowed, GrantTypes asked, bool expected)
    {
        NewClient(allowed).Allows(asked).Should().Be(expected);
    }

    [Fact]
    public void Last_use_is_written_when_it_is_older_than_its_precision()
    {
        var client = NewClient();

        client.RecordTokenIssued(_time.GetUtcNow()).Should().BeTrue();
        _time.Advance(TimeSpan.FromSeconds(30));
        client.RecordTokenIssued(_time.GetUtcNow()).Should().BeFalse();
        _time.Advance(ApiClient.LastUsedPrecision);
        client.RecordTokenIssued(_time.GetUtcNow()).Should().BeTrue();

        client.LastUsedAt.Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public void A_client_needs_at_least_one_grant()
    {
        var register = () => NewClient(GrantTypes.None);

        register.Should().Throw<ArgumentException>();
    }
}
