using System.Buffers.Text;
using System.Security.Cryptography;
using CleanAuth.Application.Common.Security;

namespace CleanAuth.Infrastructure.Security;

internal sealed class CredentialGenerator : ICredentialGenerator
{
    // No 0/O or 1/l/I: temporary passwords are read out and typed by people.
    private const string ReadableCharacters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public string NewClientKey() =>
        CredentialFormat.ClientKeyPrefix + RandomText(CredentialFormat.ClientKeyBytes);

    public string NewClientSecret() =>
        CredentialFormat.ClientSecretPrefix + RandomText(CredentialFormat.ClientSecretBytes);

    public string NewRefreshToken() =>
        CredentialFormat.RefreshTokenPrefix + RandomText(CredentialFormat.RefreshTokenBytes);

    public string NewOneTimePassword() =>
        RandomNumberGenerator.GetString(ReadableCharacters, CredentialFormat.OneTimePasswordLength);

    private static string RandomText(int byteCount) =>
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(byteCount));
}
