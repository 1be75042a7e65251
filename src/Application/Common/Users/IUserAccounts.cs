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
}
