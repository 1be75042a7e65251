using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Benchmarks.Host;

/// <summary>
/// Keys generated when the host starts and one JWT per algorithm, minted for this run, with the
/// same facts a CleanAuth user token carries (client, user, token id, expiry).
/// </summary>
public sealed class ComparisonJwt : IDisposable
{
    public const string Issuer = "cleanauth-benchmark";
    public const string Audience = "cleanauth-benchmark";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly Lazy<string> _rs256Token;
    private readonly Lazy<string> _hs256Token;

    public ComparisonJwt(TimeProvider timeProvider)
    {
        Rs256Key = new RsaSecurityKey(_rsa) { KeyId = "rs256-" + Guid.NewGuid().ToString("N") };
        Hs256Key = new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32))
        {
            KeyId = "hs256-" + Guid.NewGuid().ToString("N"),
        };
        _rs256Token = new(() => Mint(Rs256Key, SecurityAlgorithms.RsaSha256, timeProvider));
        _hs256Token = new(() => Mint(Hs256Key, SecurityAlgorithms.HmacSha256, timeProvider));
    }

    public SecurityKey Rs256Key { get; }

    public SecurityKey Hs256Key { get; }

    public string Rs256Token => _rs256Token.Value;

    public string Hs256Token => _hs256Token.Value;

    public void Dispose() => _rsa.Dispose();

    private static string Mint(SecurityKey key, string algorithm, TimeProvider timeProvider)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddHours(4),
            Claims = new Dictionary<string, object>
            {
                ["client_id"] = "ca_ck_benchmark",
                ["sub"] = Guid.NewGuid().ToString(),
                ["jti"] = Guid.NewGuid().ToString(),
            },
            SigningCredentials = new SigningCredentials(key, algorithm),
        });
    }
}
