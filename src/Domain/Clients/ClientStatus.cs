namespace CleanAuth.Domain.Clients;

/// <summary>Whether a client may authenticate at a given moment, and if not, why.</summary>
public enum ClientStatus
{
    Usable,
    Deactivated,
    Expired,
}
