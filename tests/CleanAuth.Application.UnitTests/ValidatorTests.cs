using CleanAuth.Application.Clients;
using CleanAuth.Application.Clients.RegisterClient;
using CleanAuth.Application.Notes.CreateNote;
using CleanAuth.Application.Users.RegisterUser;
using CleanAuth.Domain.Clients;
using Microsoft.Extensions.Time.Testing;

namespace CleanAuth.Application.UnitTests;

public sealed class ValidatorTests
{
    [Theory]
    [InlineData("alice", "correct horse battery", true)]
    [InlineData("Alice.Smith+test@example.com", "12345678abc", true)]
    [InlineData("al", "correct horse battery", false)]
    [InlineData("alice bob", "correct horse battery", false)]
    [InlineData("alice\u0000", "correct horse battery", false)]
    [InlineData("", "correct horse battery", false)]
    [InlineData("alice", "1234567", false)]
    [InlineData("alice", "", false)]
    public void Sign_up_checks_names_and_password_lengths(string username, string password, bool valid)
    {
        new RegisterUserValidator().Validate(new RegisterUser(username, password)).IsValid.Should().Be(valid);
    }

    [Fact]
    public void Passwords_may_be_long_but_not_unbounded()
    {
        var validator = new RegisterUserValidator();

        validator.Validate(new RegisterUser("alice", new string('x', 128))).IsValid.Should().BeTrue();
        validator.Validate(new RegisterUser("alice", new string('x', 129))).IsValid.Should().BeFalse();
    }

    [Theory]
    [InlineData("ca_ck_key", "ca_cs_secret", true)]
    [InlineData("", "ca_cs_secret", false)]
    [InlineData("ca_ck_key", "", false)]
    public void Client_credentials_must_be_present(string key, string secret, bool valid)
    {
        new ClientCredentialsValidator().Validate(new ClientCredentials(key, secret)).IsValid.Should().Be(valid);
    }

    [Fact]
    public void Oversized_client_credentials_are_refused_before_any_hashing()
    {
        var oversized = new string('a', ClientCredentials.MaxLength + 1);

        new ClientCredentialsValidator()
            .Validate(new ClientCredentials("ca_ck_key", oversized))
            .IsValid.Should().BeFalse();
    }

    [Fact]
    public void A_client_needs_a_name_a_grant_and_a_future_expiry()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        var validator = new RegisterClientValidator(time);
        var valid = new RegisterClient("iOS 3.1", ClientPlatform.Ios, GrantTypes.Password, time.GetUtcNow().AddDays(1));

        validator.Validate(valid).IsValid.Should().BeTrue();
        validator.Validate(valid with { Name = " " }).IsValid.Should().BeFalse();
        validator.Validate(valid with { AllowedGrants = GrantTypes.None }).IsValid.Should().BeFalse();
        validator.Validate(valid with { ExpiresAt = time.GetUtcNow().AddDays(-1) }).IsValid.Should().BeFalse();
        validator.Validate(valid with { Platform = (ClientPlatform)42 }).IsValid.Should().BeFalse();
    }

    [Fact]
    public void A_note_needs_a_title()
    {
        var validator = new CreateNoteValidator();

        validator.Validate(new CreateNote(Guid.NewGuid(), "Title", "Body")).IsValid.Should().BeTrue();
        validator.Validate(new CreateNote(Guid.NewGuid(), "", "Body")).IsValid.Should().BeFalse();
    }
}
