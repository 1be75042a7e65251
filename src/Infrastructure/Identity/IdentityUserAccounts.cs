using CleanAuth.Application.Common.Users;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanAuth.Infrastructure.Identity;

/// <summary>The user store port over ASP.NET Core Identity's user manager.</summary>
internal sealed class IdentityUserAccounts(
    UserManager<ApplicationUser> userManager,
    IPasswordHasher<ApplicationUser> passwordHasher,
    CleanAuthDbContext db,
    TimeProvider timeProvider) : IUserAccounts
{
    // A real hash to verify against when there is no user, so that unknown names cost the same work.
    private static readonly Lazy<string> TimingEqualiserHash = new(
        () => new PasswordHasher<ApplicationUser>().HashPassword(new ApplicationUser(), Guid.NewGuid().ToString()));

    public async Task<UserRegistration> RegisterAsync(
        string userName,
        string password,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var user = new ApplicationUser
        {
            Id = Guid.CreateVersion7(now),
            UserName = userName,
            CreatedAt = now,
            IsActive = true,
        };

        IdentityResult result;
        try
        {
            result = await userManager.CreateAsync(user, password);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException
        {
            SqlState: PostgresErrorCodes.UniqueViolation
        })
        {
            // Two sign-ups raced for one name: the database's unique index decided.
            return UserRegistration.Rejected(UserRegistrationStatus.UserNameTaken, "This user name is taken.");
        }

        if (result.Succeeded)
        {
            return UserRegistration.Created(ToAccount(user));
        }

        return ToRejection(result);
    }

    public async Task<PasswordCheck> CheckPasswordAsync(
        string userName,
        string password,
        CancellationToken cancellationToken)
    {
        var user = await userManager.FindByNameAsync(userName);
        if (user is null)
        {
            SpendPasswordHashWork(password);
            return new PasswordCheck(PasswordCheckStatus.UnknownUser, null);
        }

        // During a lockout even the right password is refused, and the attempt does not count.
        if (await userManager.IsLockedOutAsync(user))
        {
            SpendPasswordHashWork(password);
            return new PasswordCheck(PasswordCheckStatus.LockedOut, user.Id);
        }

        if (!user.IsActive)
        {
            SpendPasswordHashWork(password);
            return new PasswordCheck(PasswordCheckStatus.Deactivated, user.Id);
        }

        if (await userManager.CheckPasswordAsync(user, password))
        {
            await userManager.ResetAccessFailedCountAsync(user);
            return new PasswordCheck(PasswordCheckStatus.Succeeded, user.Id);
        }

        // Not locked out a moment ago, so a lockout now is one this wrong password started.
        await userManager.AccessFailedAsync(user);
        var lockoutStarted = await userManager.IsLockedOutAsync(user);
        return new PasswordCheck(PasswordCheckStatus.WrongPassword, user.Id, lockoutStarted);
    }

    public async Task<UserAccount?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        await db.Users
            .AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new UserAccount(u.Id, u.UserName!, u.CreatedAt, u.IsActive))
            .SingleOrDefaultAsync(cancellationToken);

    private void SpendPasswordHashWork(string password) =>
        passwordHasher.VerifyHashedPassword(new ApplicationUser(), TimingEqualiserHash.Value, password);

    private static UserAccount ToAccount(ApplicationUser user) =>
        new(user.Id, user.UserName!, user.CreatedAt, user.IsActive);

    private static UserRegistration ToRejection(IdentityResult result)
    {
        var errors = result.Errors.Select(e => e.Description).ToArray();
        var codes = result.Errors.Select(e => e.Code).ToHashSet(StringComparer.Ordinal);

        if (codes.Contains(nameof(IdentityErrorDescriber.DuplicateUserName)))
        {
            return UserRegistration.Rejected(UserRegistrationStatus.UserNameTaken, "This user name is taken.");
        }

        if (codes.Contains(nameof(IdentityErrorDescriber.InvalidUserName)))
        {
            return UserRegistration.Rejected(UserRegistrationStatus.UserNameRejected, errors);
        }

        return UserRegistration.Rejected(UserRegistrationStatus.PasswordRejected, errors);
    }
}
