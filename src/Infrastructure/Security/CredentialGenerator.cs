using System.Buffers.Text;
using System.Security.Cryptography;
using CleanAuth.Application.Common.Security;

namespace CleanAuth.Infrastructure.Security;

internal sealed class CredentialGenerator : ICredentialGenerator
{
    public string NewClientKey() => CredentialFormat.ClientKeyPrefix + RandomText(CredentialFormat.ClientKeyBytes);

    public string NewClientSecret() =>
        CredentialFormat.ClientSecretPrefix + RandomText(CredentialFormat.ClientSecretBytes);

    private static string RandomText(int byteCount) =>
        Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(byteCount));
}
