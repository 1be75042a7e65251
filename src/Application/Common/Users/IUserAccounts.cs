namespace CleanAuth.Application.Common.Users;

/// <summary>
/// The user store port. Password hashing, lockout and name normalisation belong to the
/// implementation (ASP.NET Core Identity), not to the use cases.
/// </summary>
public interface IUserAccounts
{
    Task<UserRegistration> RegisterAsync(string userName, string password, CancellationToken cancellationToken);

    /// <summary>
    /// Checks a password and counts failures towards lockout. An unknown user costs the same
    /// password-hash work as a known one.
    /// </summary>
    Task<PasswordCheck> CheckPasswordAsync(string userName, string password, CancellationToken cancellationToken);

    Task<UserAccount?> FindAsync(Guid userId, CancellationToken cancellationToken);

    Task<UserAccount?> FindByNameAsync(string userName, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Checks the current password and sets a new one that meets the password policy.</summary>
    Task<PasswordChange> ChangePasswordAsync(
        Guid userId,
        string currentPassword,
        string newPassword,
        CancellationToken cancellationToken);

    /// <summary>Sets a new password without knowing the old one (an administrator's reset).</summary>
    Task ResetPasswordAsync(Guid userId, string newPassword, CancellationToken cancellationToken);

    /// <summary>
    /// Ends every token issued to the user up to <paramref name="now"/>: deactivation, sign-out
    /// everywhere and password resets all come through here. <paramref name="active"/> sets
    /// whether the user may sign in again.
    /// </summary>
    Task RevokeTokensAsync(Guid userId, DateTimeOffset now, bool? active, CancellationToken cancellationToken);

    Task SetActiveAsync(Guid userId, bool active, CancellationToken cancellationToken);

    Task UnlockAsync(Guid userId, CancellationToken cancellationToken);

    Task DeleteAsync(Guid userId, CancellationToken cancellationToken);
}
