namespace CleanAuth.Application.Common.Users;

public enum PasswordChangeStatus
{
    Changed,
    WrongCurrentPassword,
    NewPasswordRejected,
    UnknownUser,
}

/// <summary>The outcome of a password change; <see cref="Errors"/> explain a rejected new password.</summary>
public sealed record PasswordChange(PasswordChangeStatus Status, IReadOnlyList<string> Errors)
{
    public static readonly PasswordChange Changed = new(PasswordChangeStatus.Changed, []);
}
