namespace CleanAuth.Application.Common.Security;

/// <summary>
/// Turns token content into opaque token text and back. The text is authenticated encryption:
/// a forged or altered token fails to open, without any lookup.
/// </summary>
public interface IAccessTokenProtector
{
    string Protect(AccessTokenContent content);

    /// <summary>Opens a token; <c>false</c> for anything that is not a genuine, unaltered token.</summary>
    bool TryUnprotect(string tokenText, out AccessTokenContent? content);
}
