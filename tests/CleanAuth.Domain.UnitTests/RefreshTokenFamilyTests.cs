using CleanAuth.Domain.Clients;
using CleanAuth.Domain.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Domain.UnitTests;

public sealed class RefreshTokenFamilyTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_session_lives_its_lifetime_from_sign_in_and_no_longer()
    {
        var session = RefreshTokenFamily.Start(
            Guid.NewGuid(),
            Guid.NewGuid(),
            _time.GetUtcNow(),
            TimeSpan.FromDays(30));

        _time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        session.StatusAt(_time.GetUtcNow()).Should().Be(TokenStatus.Usable);

        _time.Advance(TimeSpan.FromSeconds(1));
        session.StatusAt(_time.GetUtcNow()).Should().Be(TokenStatus.Expired);
    }

    [Fact]
    public void A_revoked_session_stays_revoked()
    {
        var session = RefreshTokenFamily.Start(
            Guid.NewGuid(),
            Guid.NewGuid(),
            _time.GetUtcNow(),
            TimeSpan.FromDays(30));

        session.Revoke(_time.GetUtcNow());

        session.StatusAt(_time.GetUtcNow()).Should().Be(TokenStatus.Revoked);
    }
}

public sealed class SecretRotationTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private ApiClient NewClient() => ApiClient.Register(
        "iOS 3.1",
        ClientPlatform.Ios,
        "ca_ck_key",
        [1],
        GrantTypes.Password,
        expiresAt: null,
        _time.GetUtcNow());

    [Fact]
    public void The_previous_secret_counts_during_the_grace_period_only()
    {
        var client = NewClient();

        client.RotateSecret([2], TimeSpan.FromDays(7), _time.GetUtcNow());

        client.SecretHash.Should().Equal(2);
        client.PreviousSecretHashAt(_time.GetUtcNow()).Should().Equal(1);
        _time.Advance(TimeSpan.FromDays(7));
        client.PreviousSecretHashAt(_time.GetUtcNow()).Should().BeNull();
    }

    [Fact]
    public void Without_grace_the_previous_secret_stops_at_once()
    {
        var client = NewClient();

        client.RotateSecret([2], TimeSpan.Zero, _time.GetUtcNow());

        client.PreviousSecretHashAt(_time.GetUtcNow()).Should().BeNull();
    }

    [Fact]
    public void Moving_the_expiry_of_an_expired_client_does_not_revive_its_tokens()
    {
        var client = ApiClient.Register(
            "Web",
            ClientPlatform.Web,
            "ca_ck_key",
            [1],
            GrantTypes.ClientCredentials,
            _time.GetUtcNow().AddDays(1),
            _time.GetUtcNow());
        var issuedAt = _time.GetUtcNow();
        _time.Advance(TimeSpan.FromDays(2));

        client.Update(
            name: null,
            allowedGrants: null,
            _time.GetUtcNow().AddDays(30),
            clearExpiry: false,
            _time.GetUtcNow());

        client.CanAuthenticateAt(_time.GetUtcNow()).Should().BeTrue();
        client.AcceptsTokenIssuedAt(issuedAt, _time.GetUtcNow()).Should().BeFalse();
    }
}
