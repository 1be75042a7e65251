using System.Net;
using System.Net.Sockets;

namespace CleanAuth.WebApi.RateLimiting;

/// <summary>The unit a per-address limit counts: one IPv4 address, or one IPv6 /64 network.</summary>
public static class ClientAddress
{
    /// <summary>
    /// An IPv6 subscriber is routinely given a whole /64 (RFC 6177) and can pick a new address in
    /// it for every request, so IPv6 addresses are counted by their /64 prefix. IPv4-mapped IPv6
    /// addresses count as the IPv4 address they carry.
    /// </summary>
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
