using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using CleanAuth.Application.Common.Security;
using CleanAuth.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;

namespace CleanAuth.Infrastructure.Security;

/// <summary>
/// Access tokens as authenticated encryption (ASP.NET Core Data Protection, AES-256-GCM) of a
/// small fixed binary layout. Anything that fails to decrypt is not a token, and costs no lookup.
/// </summary>
internal sealed class DataProtectionAccessTokenProtector(IDataProtectionProvider dataProtectionProvider)
    : IAccessTokenProtector
{
    /// <summary>The purpose isolates these tokens from anything else protected with the same key ring.</summary>
    private const string Purpose = "CleanAuth.AccessToken.v1";

    private const byte LayoutVersion = 1;

    // version (1) + token id (16) + client id (16) + user flag (1) + user id (16) + session id (16)
    // + issued (8) + expires (8); the session id is zero for client tokens.
    private const int PayloadLength = 82;

    /// <summary>Far above any genuine token; longer input is refused before decoding.</summary>
    private const int MaxTokenLength = 512;

    private readonly IDataProtector _protector = dataProtectionProvider.CreateProtector(Purpose);

    public string Protect(AccessTokenContent content)
    {
        var payload = new byte[PayloadLength];
        var span = payload.AsSpan();
        span[0] = LayoutVersion;
        content.TokenId.TryWriteBytes(span[1..17]);
        content.ClientId.TryWriteBytes(span[17..33]);
        span[33] = content.UserId is null ? (byte)0 : (byte)1;
        (content.UserId ?? Guid.Empty).TryWriteBytes(span[34..50]);
        (content.FamilyId ?? Guid.Empty).TryWriteBytes(span[50..66]);
        BinaryPrimitives.WriteInt64BigEndian(span[66..74], content.IssuedAt.UtcTicks);
        BinaryPrimitives.WriteInt64BigEndian(span[74..82], content.ExpiresAt.UtcTicks);

        return CredentialFormat.AccessTokenPrefix + Base64Url.EncodeToString(_protector.Protect(payload));
    }

    public bool TryUnprotect(string tokenText, out AccessTokenContent? content)
    {
        content = null;

        if (tokenText.Length > MaxTokenLength
            || !tokenText.StartsWith(CredentialFormat.AccessTokenPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var encoded = tokenText.AsSpan(CredentialFormat.AccessTokenPrefix.Length);
        var protectedBytes = new byte[Base64Url.GetMaxDecodedLength(encoded.Length)];
        if (Base64Url.DecodeFromChars(encoded, protectedBytes, out _, out var written)
            != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        // One spelling per token: padding, or stray bits in the last character, would decode to the
        // same bytes from another text, and a token's text must identify it.
        if (!encoded.SequenceEqual(Base64Url.EncodeToString(protectedBytes.AsSpan(0, written))))
        {
            return false;
        }

        byte[] payload;
        try
        {
            payload = _protector.Unprotect(protectedBytes.AsSpan(0, written).ToArray());
        }
        catch (CryptographicException exception) when (!DatabaseFaults.IsDataAccessFailure(exception))
        {
            // Forged, altered, truncated, or protected with a key this ring does not hold. A key ring
            // that could not be read from the database is not the token's fault: that propagates, to
            // be answered 503 rather than 401.
            return false;
        }

        if (payload.Length != PayloadLength || payload[0] != LayoutVersion)
        {
            return false;
        }

        var span = payload.AsSpan();
        content = new AccessTokenContent(
            new Guid(span[1..17]),
            new Guid(span[17..33]),
            span[33] == 1 ? new Guid(span[34..50]) : null,
            span[33] == 1 ? new Guid(span[50..66]) : null,
            new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(span[66..74]), TimeSpan.Zero),
            new DateTimeOffset(BinaryPrimitives.ReadInt64BigEndian(span[74..82]), TimeSpan.Zero));
        return true;
    }
}
