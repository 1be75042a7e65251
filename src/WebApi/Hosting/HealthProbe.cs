namespace CleanAuth.WebApi.Hosting;

/// <summary>
/// <c>probe [URL]</c>: GETs the liveness endpoint and exits 0 when it answers 2xx, 1 otherwise. It is
/// the container's health check, because the ASP.NET Core runtime image has no curl or wget; it
/// runs before the host is built, so a probe costs a process start and one request, not a
/// database connection.
/// </summary>
public static class HealthProbe
{
    public const string Verb = "probe";

    /// <summary>Where the container image serves (<c>ASPNETCORE_URLS=http://0.0.0.0:8080</c>).</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080/health/live";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static bool Handles(string[] args) => args.Length > 0 && args[0] == Verb;

    public static async Task<int> RunAsync(string[] args, TextWriter error, HttpMessageHandler? handler = null)
    {
        var url = args.Length > 1 ? args[1] : DefaultUrl;
        if (args.Length > 2
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            await error.WriteLineAsync($"Usage: {Verb} [URL], for example: {Verb} {DefaultUrl}");
            return 1;
        }

        using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.Timeout = Timeout;
        try
        {
            using var response = await http.GetAsync(uri);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await error.WriteLineAsync($"{uri} answered {(int)response.StatusCode}.");
            return 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            await error.WriteLineAsync($"{uri} did not answer: {exception.Message}");
            return 1;
        }
    }
}
