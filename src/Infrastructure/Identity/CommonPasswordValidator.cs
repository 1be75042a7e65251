using System.Reflection;
using CleanAuth.Application.Users;
using Microsoft.AspNetCore.Identity;

namespace CleanAuth.Infrastructure.Identity;

/// <summary>
/// The password policy of NIST SP 800-63B §5.1.1.2: length limits and a list of passwords known
/// to be common, instead of composition rules. Identity's own validator checks the minimum.
/// </summary>
internal sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    private static readonly Lazy<HashSet<string>> CommonPasswords = new(LoadCommonPasswords);

    public Task<IdentityResult> ValidateAsync(
        UserManager<ApplicationUser> manager,
        ApplicationUser user,
        string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (password.Length > UserRules.MaxPasswordLength)
        {
            return Fail("PasswordTooLong", $"Passwords must be at most {UserRules.MaxPasswordLength} characters.");
        }

        if (CommonPasswords.Value.Contains(password))
        {
            return Fail("PasswordTooCommon", "This password is too common. Choose one that is harder to guess.");
        }

        if (string.Equals(password, user.UserName, StringComparison.OrdinalIgnoreCase))
        {
            return Fail("PasswordMatchesUserName", "The password must not be the user name.");
        }

        return Task.FromResult(IdentityResult.Success);
    }

    private static Task<IdentityResult> Fail(string code, string description) =>
        Task.FromResult(IdentityResult.Failed(new IdentityError { Code = code, Description = description }));

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("CleanAuth.CommonPasswords")
            ?? throw new InvalidOperationException("The embedded list of common passwords is missing from the build.");
        using var reader = new StreamReader(stream);

        var passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                passwords.Add(line);
            }
        }

        return passwords;
    }
}
