namespace CleanAuth.Application.Common.Users;

public enum UserRegistrationStatus
{
    Created,
    UserNameTaken,
    UserNameRejected,
    PasswordRejected,
}

/// <summary>The outcome of creating a user; <see cref="Errors"/> explain a rejection.</summary>
public sealed record UserRegistration(
    UserRegistrationStatus Status,
    UserAccount? Account,
    IReadOnlyList<string> Errors)
{
    public static UserRegistration Created(UserAccount account) =>
        new(UserRegistrationStatus.Created, account, []);

    public static UserRegistration Rejected(UserRegistrationStatus status, params IReadOnlyList<string> errors) =>
        new(status, null, errors);
}
