using BenchmarkDotNet.Attributes;
using CleanAuth.Application.Common.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanAuth.Benchmarks.Micro;

/// <summary>
/// Access-token encryption and decryption (Data Protection, AES-256-GCM) through the app's
/// <see cref="IAccessTokenProtector"/>, resolved from the app's own registrations.
/// </summary>
[MemoryDiagnoser]
public class TokenProtectionBenchmarks : IDisposable
{
    private IHost? _host;
    private IAccessTokenProtector _protector = null!;
    private AccessTokenContent _content = null!;
    private string _token = null!;
    private string _alteredToken = null!;

    [GlobalSetup]
    public void Setup()
    {
        _host = MicroComposition.Build();
        _protector = _host.Services.GetRequiredService<IAccessTokenProtector>();

        // A user token: the larger of the two layouts.
        var now = DateTimeOffset.UtcNow;
        _content = new AccessTokenContent(
            Guid.CreateVersion7(now),
            Guid.NewGuid(),
            Guid.NewGuid(),
            Guid.NewGuid(),
            now,
            now.AddMinutes(15));
        _token = _protector.Protect(_content);

        // One character changed near the end, where the authentication tag is.
        var characters = _token.ToCharArray();
        characters[^3] = characters[^3] == 'A' ? 'B' : 'A';
        _alteredToken = new string(characters);
    }

    [Benchmark]
    public string Protect() => _protector.Protect(_content);

    [Benchmark]
    public AccessTokenContent? Unprotect()
    {
        _protector.TryUnprotect(_token, out var content);
        return content;
    }

    /// <summary>A forged or altered token: refused by the cryptography, before any lookup.</summary>
    [Benchmark]
    public bool UnprotectAltered() => _protector.TryUnprotect(_alteredToken, out _);

    [GlobalCleanup]
    public void Dispose()
    {
        _host?.Dispose();
        _host = null;
        GC.SuppressFinalize(this);
    }
}
