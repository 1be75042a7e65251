namespace CleanAuth.Domain.Tokens;

/// <summary>Whether a token may be used at a given moment, and if not, why.</summary>
public enum TokenStatus
{
    Usable,
    Expired,
    Revoked,
}
