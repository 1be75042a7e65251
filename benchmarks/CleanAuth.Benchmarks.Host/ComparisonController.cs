using CleanAuth.WebApi.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.Benchmarks.Host;

/// <summary>The same tiny answer from every endpoint kind.</summary>
public sealed record ComparisonPayload(string Status, int Version);

/// <summary>
/// One endpoint per kind of protection, each answering the same small payload, so that the
/// differences between them are the cost of the protection alone.
/// </summary>
[ApiController]
[Route("bench")]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ComparisonController : ControllerBase
{
    public const string JwtRs256Path = "/bench/jwt-rs256";
    public const string JwtHs256Path = "/bench/jwt-hs256";

    private static readonly ComparisonPayload Payload = new("ok", 1);

    /// <summary>(a) No authentication.</summary>
    [HttpGet("anonymous")]
    [AllowAnonymous]
    public IActionResult Anonymous() => Ok(Payload);

    /// <summary>(b) Any genuine app.</summary>
    [HttpGet("client")]
    [ClientAuthorize]
    public IActionResult Client() => Ok(Payload);

    /// <summary>(c) A genuine app with a signed-in user.</summary>
    [HttpGet("client-and-user")]
    [ClientAndUserAuthorize]
    public IActionResult ClientAndUser() => Ok(Payload);

    /// <summary>(d) ASP.NET Core's JwtBearer, RS256 signature.</summary>
    [HttpGet("jwt-rs256")]
    [Authorize(AuthenticationSchemes = ComparisonComposition.JwtRs256Scheme)]
    public IActionResult JwtRs256() => Ok(Payload);

    /// <summary>(d) ASP.NET Core's JwtBearer, HS256 signature.</summary>
    [HttpGet("jwt-hs256")]
    [Authorize(AuthenticationSchemes = ComparisonComposition.JwtHs256Scheme)]
    public IActionResult JwtHs256() => Ok(Payload);
}

/// <summary>Hands the JWTs minted for this run to the benchmark script (loopback only, by how it is run).</summary>
[ApiController]
[Route("bench/setup")]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ComparisonSetupController(ComparisonJwt jwt) : ControllerBase
{
    [HttpGet("jwt")]
    [AllowAnonymous]
    public IActionResult Jwt() => Ok(new { rs256 = jwt.Rs256Token, hs256 = jwt.Hs256Token });
}
