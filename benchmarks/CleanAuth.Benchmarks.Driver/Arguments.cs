using System.Globalization;

namespace CleanAuth.Benchmarks.Driver;

/// <summary><c>--name value</c> pairs, and the loopback-only rule for every URL the driver is given.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values;

    private Arguments(Dictionary<string, string> values)
    {
        _values = values;
    }

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value' pairs, got '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        return new Arguments(values);
    }

    public int Int(string name, int? fallback = null, int min = 1, int max = int.MaxValue)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return fallback ?? throw new ArgumentException($"--{name} is required.");
        }

        var value = int.Parse(text, CultureInfo.InvariantCulture);
        return value < min || value > max
            ? throw new ArgumentException($"--{name} must be between {min} and {max}.")
            : value;
    }

    /// <summary>
    /// A URL on this machine's loopback interface. The driver loads only servers the benchmark
    /// started itself, so anything else is refused rather than sent traffic.
    /// </summary>
    public Uri LoopbackUrl(string name)
    {
        if (!_values.TryGetValue(name, out var text) || !Uri.TryCreate(text, UriKind.Absolute, out var url))
        {
            throw new ArgumentException($"--{name} must be an absolute URL.");
        }

        return url.IsLoopback && url.Scheme == Uri.UriSchemeHttp
            ? url
            : throw new ArgumentException($"--{name} must be an http:// URL on the loopback interface.");
    }

    public static string Environment(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new ArgumentException($"Set {name} in the environment.");
}
