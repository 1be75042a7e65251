using System.Security.Cryptography;
using System.Text;
using CleanAuth.Application.Common.Security;
using Microsoft.Extensions.Options;

namespace CleanAuth.Infrastructure.Security;

/// <summary>
/// SHA-256 (or HMAC-SHA-256 with a configured pepper) of high-entropy secrets. A slow password
/// hash would add nothing here: a 256-bit random secret cannot be brute-forced, and every token
/// request would pay for it.
/// </summary>
internal sealed class Sha256SecretHasher : ISecretHasher
{
    private const int HashBytes = 32;

    // Compared against when no client matched, so that unknown keys cost the same as wrong secrets.
    private static readonly byte[] UnmatchableHash = RandomNumberGenerator.GetBytes(HashBytes);

    private readonly byte[]? _pepper;

    public Sha256SecretHasher(IOptions<SecretHashingOptions> options)
    {
        _pepper = string.IsNullOrEmpty(options.Value.Pepper) ? null : Encoding.UTF8.GetBytes(options.Value.Pepper);
    }

    public byte[] Hash(string secret)
    {
        var hash = new byte[HashBytes];
        Compute(secret, hash);
        return hash;
    }

    public bool Verify(string presentedSecret, byte[]? storedHash, byte[]? previousHash = null)
    {
        Span<byte> presentedHash = stackalloc byte[HashBytes];
        Compute(presentedSecret, presentedHash);

        // Constant time, and both comparisons always run: how long this takes must not tell how
        // many bytes matched, nor whether a client exists or is in a rotation.
        var matchesCurrent = Matches(presentedHash, storedHash);
        var matchesPrevious = Matches(presentedHash, previousHash);
        return matchesCurrent | matchesPrevious;
    }

    private static bool Matches(ReadOnlySpan<byte> presentedHash, byte[]? storedHash)
    {
        var expected = storedHash is { Length: HashBytes } ? storedHash : UnmatchableHash;
        return CryptographicOperations.FixedTimeEquals(presentedHash, expected) && storedHash is not null;
    }

    private void Compute(string secret, Span<byte> destination)
    {
        var byteCount = Encoding.UTF8.GetByteCount(secret);
        var buffer = byteCount <= 512 ? stackalloc byte[byteCount] : new byte[byteCount];
        Encoding.UTF8.GetBytes(secret, buffer);

        if (_pepper is null)
        {
            SHA256.HashData(buffer, destination);
        }
        else
        {
            HMACSHA256.HashData(_pepper, buffer, destination);
        }
    }
}
