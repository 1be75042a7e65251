namespace CleanAuth.Application.Common.Security;

/// <summary>Creates new client keys and secrets from a cryptographically secure generator.</summary>
public interface ICredentialGenerator
{
    string NewClientKey();

    string NewClientSecret();

    string NewRefreshToken();

    /// <summary>A temporary password for an administrator's password reset.</summary>
    string NewOneTimePassword();
}
