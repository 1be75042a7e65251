namespace CleanAuth.Application.Users;

/// <summary>Limits on user names and passwords, checked before any hashing.</summary>
public static class UserRules
{
    public const int MinUserNameLength = 3;
    public const int MaxUserNameLength = 64;

    /// <summary>NIST SP 800-63B §5.1.1.2: at least 8 characters, and allow at least 64.</summary>
    public const int MinPasswordLength = 8;

    public const int MaxPasswordLength = 128;

    /// <summary>Letters, digits and the punctuation e-mail addresses use; no spaces or control bytes.</summary>
    public const string UserNameCharacters =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";

    public static bool IsValidUserName(string? userName) =>
        userName is { Length: >= MinUserNameLength and <= MaxUserNameLength }
        && userName.All(UserNameCharacters.Contains);
}
