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

            // Whatever a concurrent sign-in changed on this row is not this request's to save: the
            // token records are saved next, and must not carry a stale user update with them.
            db.Entry(user).State = EntityState.Detached;
            return new PasswordCheck(PasswordCheckStatus.Succeeded, user.Id);
        }

        // Not locked out a moment ago, so a lockout now is one this wrong password started.
        await CountFailureAsync(user);
        var lockoutStarted = await userManager.IsLockedOutAsync(user);
        db.Entry(user).State = EntityState.Detached;
        return new PasswordCheck(PasswordCheckStatus.WrongPassword, user.Id, lockoutStarted);
    }

    /// <summary>
    /// Counts a wrong password. Identity saves with an optimistic concurrency check, so parallel
    /// guesses would lose each other's counts and never reach the lockout; a lost race is retried
    /// on the fresh row until the failure is counted.
    /// </summary>
    private async Task CountFailureAsync(ApplicationUser user)
    {
        const int MaxAttempts = 20;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if ((await userManager.AccessFailedAsync(user)).Succeeded)
            {
                return;
            }

            await db.Entry(user).ReloadAsync();
        }

        throw new InvalidOperationException($"Could not count a failed sign-in of user {user.Id}.");
    }

    public async Task<UserAccount?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        await ToAccounts(db.Users.Where(u => u.Id == userId)).SingleOrDefaultAsync(cancellationToken);

    public async Task<UserAccount?> FindByNameAsync(string userName, CancellationToken cancellationToken)
    {
        var normalized = userManager.NormalizeName(userName);
        return await ToAccounts(db.Users.Where(u => u.NormalizedUserName == normalized))
            .SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken) =>
        await ToAccounts(db.Users.OrderBy(u => u.CreatedAt)).ToListAsync(cancellationToken);

    public async Task<PasswordChange> ChangePasswordAsync(
        Guid userId,
        string currentPassword,
        string newPassword,
        CancellationToken cancellationToken)
    {
        var user = await userManager.FindByIdAsync(userId.ToString());
        if (user is null)
        {
            return new PasswordChange(PasswordChangeStatus.UnknownUser, []);
        }

        // Wrong current passwords count towards lockout, so a stolen access token cannot be used to
        // guess the password at leisure.
        if (await userManager.IsLockedOutAsync(user) || !await userManager.CheckPasswordAsync(user, currentPassword))
        {
            await userManager.AccessFailedAsync(user);
            return new PasswordChange(
                PasswordChangeStatus.WrongCurrentPassword,
                ["The current password is incorrect."]);
        }

        var result = await userManager.ChangePasswordAsync(user, currentPassword, newPassword);
        return result.Succeeded
            ? PasswordChange.Changed
            : new PasswordChange(
                PasswordChangeStatus.NewPasswordRejected,
                [.. result.Errors.Select(e => e.Description)]);
    }

    public async Task ResetPasswordAsync(Guid userId, string newPassword, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        await userManager.RemovePasswordAsync(user);
        EnsureSucceeded(await userManager.AddPasswordAsync(user, newPassword));
    }

    // These two write their columns directly: parallel sign-outs must all succeed, not lose an
    // optimistic-concurrency race on the user row and fail.
    public async Task RevokeTokensAsync(
        Guid userId,
        DateTimeOffset now,
        bool? active,
        CancellationToken cancellationToken)
    {
        var updated = await db.Users
            .Where(u => u.Id == userId)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(u => u.TokensRevokedAt, now)
                    .SetProperty(u => u.IsActive, u => active ?? u.IsActive),
                cancellationToken);
        EnsureFound(updated, userId);
    }

    public async Task SetActiveAsync(Guid userId, bool active, CancellationToken cancellationToken)
    {
        var updated = await db.Users
            .Where(u => u.Id == userId)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.IsActive, active), cancellationToken);
        EnsureFound(updated, userId);
    }

    private static void EnsureFound(int updated, Guid userId)
    {
        if (updated == 0)
        {
            throw new InvalidOperationException($"User {userId} does not exist.");
        }
    }

    public async Task UnlockAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        EnsureSucceeded(await userManager.SetLockoutEndDateAsync(user, null));
        EnsureSucceeded(await userManager.ResetAccessFailedCountAsync(user));
    }

    public async Task DeleteAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await RequireAsync(userId);
        EnsureSucceeded(await userManager.DeleteAsync(user));
    }

    private static IQueryable<UserAccount> ToAccounts(IQueryable<ApplicationUser> users) =>
        users.AsNoTracking().Select(u => new UserAccount(
            u.Id,
            u.UserName!,
            u.CreatedAt,
            u.IsActive,
            u.TokensRevokedAt,
            u.LockoutEnd));

    private async Task<ApplicationUser> RequireAsync(Guid userId) =>
        await userManager.FindByIdAsync(userId.ToString())
        ?? throw new InvalidOperationException($"User {userId} does not exist.");

    /// <summary>Identity reports failures as results; a failure here is a fault, not a user's mistake.</summary>
    private static void EnsureSucceeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "The user store refused a change: " + string.Join(" ", result.Errors.Select(e => e.Code)));
        }
    }

    private void SpendPasswordHashWork(string password) =>
        passwordHasher.VerifyHashedPassword(new ApplicationUser(), TimingEqualiserHash.Value, password);

    private static UserAccount ToAccount(ApplicationUser user) =>
        new(user.Id, user.UserName!, user.CreatedAt, user.IsActive, user.TokensRevokedAt, user.LockoutEnd);

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
