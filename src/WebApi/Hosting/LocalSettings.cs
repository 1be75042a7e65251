using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace CleanAuth.WebApi.Hosting;

internal static class LocalSettings
{
    public const string FileName = "appsettings.Local.json";

    /// <summary>
    /// Reads the settings scripts/run.sh writes for its local throwaway database, so that admin
    /// verbs run with <c>dotnet run</c> reach that database. They come first, below every other
    /// source: any configured value (appsettings, environment, command line) wins over them. The
    /// file is git-ignored and never copied to a build or publish output.
    /// </summary>
    public static void AddLocalSettings(this WebApplicationBuilder builder)
    {
        var source = new JsonConfigurationSource
        {
            Path = FileName,
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(builder.Environment.ContentRootPath),
        };
        builder.Configuration.Sources.Insert(0, source);
    }
}
