namespace CleanAuth.Application.Common.Users;

public enum PasswordCheckStatus
{
    Succeeded,
    UnknownUser,
    WrongPassword,
    LockedOut,
    Deactivated,
}

/// <summary>
/// The outcome of a password check. The reason is for the log; callers answer every failure
/// the same way.
/// </summary>
public sealed record PasswordCheck(PasswordCheckStatus Status, Guid? UserId)
{
    public bool Succeeded => Status == PasswordCheckStatus.Succeeded;
}
