using CleanAuth.Application.Common.Behaviours;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.Application.Common.Users;
using CleanAuth.Application.Users.RegisterUser;

namespace CleanAuth.Application.UnitTests;

public sealed class ValidationBehaviourTests
{
    private static readonly UserRegistration Created =
        UserRegistration.Created(
            new UserAccount(Guid.NewGuid(), "alice", DateTimeOffset.UnixEpoch, IsActive: true, null, null));

    [Fact]
    public async Task A_valid_request_reaches_the_handler()
    {
        var behaviour = new ValidationBehaviour<RegisterUser, UserRegistration>([new RegisterUserValidator()]);
        var reached = false;

        var result = await behaviour.Handle(
            new RegisterUser("alice", "a long passphrase"),
            (_, _) =>
            {
                reached = true;
                return ValueTask.FromResult(Created);
            },
            TestContext.Current.CancellationToken);

        reached.Should().BeTrue();
        result.Should().Be(Created);
    }

    [Fact]
    public async Task An_invalid_request_never_reaches_the_handler_and_names_every_failing_field()
    {
        var behaviour = new ValidationBehaviour<RegisterUser, UserRegistration>([new RegisterUserValidator()]);

        var act = async () => await behaviour.Handle(
            new RegisterUser("a b", "short"),
            (_, _) => throw new InvalidOperationException("The handler must not run."),
            TestContext.Current.CancellationToken);

        var failure = await act.Should().ThrowAsync<RequestValidationException>();
        failure.Which.Errors.Keys.Should().BeEquivalentTo("Username", "Password");
        failure.Which.Message.Should().NotContain("short", "a failure message must never echo a value");
    }
}
