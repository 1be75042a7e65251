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
/// the same way. <see cref="LockoutStarted"/> marks the one wrong password that began a lockout,
/// as opposed to attempts refused while it lasts.
/// </summary>
public sealed record PasswordCheck(PasswordCheckStatus Status, Guid? UserId, bool LockoutStarted = false)
{
    public bool Succeeded => Status == PasswordCheckStatus.Succeeded;
}
