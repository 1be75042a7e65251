namespace CleanAuth.Application.Common.Security;

/// <summary>
/// Hashes high-entropy credentials (client secrets, token texts) for storage and compares them.
/// </summary>
public interface ISecretHasher
{
    byte[] Hash(string secret);

    /// <summary>
    /// Checks a presented secret against a stored hash, and against the previous secret's hash
    /// during a rotation's grace period, in constant time. With no stored hash (an unknown
    /// client) it still does the same work and returns <c>false</c>, so the time a request takes
    /// does not reveal which client keys exist.
    /// </summary>
    bool Verify(string presentedSecret, byte[]? storedHash, byte[]? previousHash = null);
}
