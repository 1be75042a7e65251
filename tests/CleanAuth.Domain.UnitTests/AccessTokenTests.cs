using CleanAuth.Domain.Tokens;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Domain.UnitTests;

public sealed class AccessTokenTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    private AccessToken Issue(Guid? userId = null) =>
        AccessToken.Issue(
            Guid.NewGuid(),
            Guid.NewGuid(),
            userId,
            userId is null ? null : Guid.NewGuid(),
            [9],
            _time.GetUtcNow(),
            _time.GetUtcNow().AddMinutes(15));

    [Fact]
    public void The_kind_follows_from_whether_a_user_is_bound()
    {
        Issue().Kind.Should().Be(TokenKind.Client);
        Issue(Guid.NewGuid()).Kind.Should().Be(TokenKind.User);
    }

    [Fact]
    public void A_token_is_usable_until_the_moment_it_expires()
    {
        var token = Issue();

        _time.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromTicks(1));
        token.IsUsableAt(_time.GetUtcNow()).Should().BeTrue();

        _time.Advance(TimeSpan.FromTicks(1));
        token.StatusAt(_time.GetUtcNow()).Should().Be(TokenStatus.Expired);
    }

    [Fact]
    public void A_revoked_token_is_not_usable_and_keeps_its_first_revocation_time()
    {
        var token = Issue();
        var firstRevocation = _time.GetUtcNow();

        token.Revoke(firstRevocation);
        _time.Advance(TimeSpan.FromMinutes(1));
        token.Revoke(_time.GetUtcNow());

        token.StatusAt(_time.GetUtcNow()).Should().Be(TokenStatus.Revoked);
        token.RevokedAt.Should().Be(firstRevocation);
    }

    [Fact]
    public void A_token_must_expire_after_it_is_issued()
    {
        var now = _time.GetUtcNow();

        var issue = () => AccessToken.Issue(Guid.NewGuid(), Guid.NewGuid(), null, null, [9], now, now);

        issue.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Only_user_tokens_belong_to_a_session()
    {
        var now = _time.GetUtcNow();

        var issue = () => AccessToken.Issue(
            Guid.NewGuid(),
            Guid.NewGuid(),
            null,
            Guid.NewGuid(),
            [9],
            now,
            now.AddMinutes(1));

        issue.Should().Throw<ArgumentException>();
    }
}
