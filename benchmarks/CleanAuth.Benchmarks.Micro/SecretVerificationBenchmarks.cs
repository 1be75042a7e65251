using BenchmarkDotNet.Attributes;
using CleanAuth.Application.Common.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanAuth.Benchmarks.Micro;

/// <summary>
/// Client-secret verification through the app's <see cref="ISecretHasher"/>, with and without a
/// configured pepper (HMAC-SHA-256 instead of SHA-256).
/// </summary>
[MemoryDiagnoser]
public class SecretVerificationBenchmarks : IDisposable
{
    private IHost? _host;
    private ISecretHasher _hasher = null!;
    private string _secret = null!;
    private string _wrongSecret = null!;
    private byte[] _storedHash = null!;

    [Params(false, true)]
    public bool Peppered { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _host = MicroComposition.Build(Peppered
            ? new Dictionary<string, string?> { ["Secrets:Pepper"] = "benchmark-pepper-0123456789abcdef" }
            : null);
        _hasher = _host.Services.GetRequiredService<ISecretHasher>();

        var generator = _host.Services.GetRequiredService<ICredentialGenerator>();
        _secret = generator.NewClientSecret();
        _wrongSecret = generator.NewClientSecret();
        _storedHash = _hasher.Hash(_secret);
    }

    [Benchmark]
    public bool VerifyRight() => _hasher.Verify(_secret, _storedHash);

    [Benchmark]
    public bool VerifyWrong() => _hasher.Verify(_wrongSecret, _storedHash);

    /// <summary>No stored hash (an unknown client key): the same work, by design.</summary>
    [Benchmark]
    public bool VerifyUnknownClient() => _hasher.Verify(_secret, storedHash: null);

    [GlobalCleanup]
    public void Dispose()
    {
        _host?.Dispose();
        _host = null;
        GC.SuppressFinalize(this);
    }
}
