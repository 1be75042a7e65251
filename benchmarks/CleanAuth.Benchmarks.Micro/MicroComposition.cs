using System.Xml.Linq;
using CleanAuth.Application;
using CleanAuth.Infrastructure;
using CleanAuth.WebApi;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Benchmarks.Micro;

/// <summary>
/// The app's services as Program.cs composes them (AddApplication, AddInfrastructure, AddWebApi),
/// with one difference: the Data Protection key ring lives in memory for the run instead of in
/// PostgreSQL. Everything else Infrastructure configures (application name, AES-256-GCM) stays,
/// so tokens are protected exactly as in service.
/// </summary>
internal static class MicroComposition
{
    public static IHost Build(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());

        // The app logs at Warning in the benchmark too; nothing here may write per operation.
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);

        builder.Services
            .AddApplication()
            .AddInfrastructure(builder.Configuration)
            .AddWebApi(builder.Configuration, builder.Environment);
        builder.Services.Configure<KeyManagementOptions>(options => options.XmlRepository = new InMemoryKeyRing());

        return builder.Build();
    }

    /// <summary>An ephemeral key ring: the keys Data Protection creates, kept for the life of the process.</summary>
    private sealed class InMemoryKeyRing : IXmlRepository
    {
        private readonly List<XElement> _elements = [];
        private readonly Lock _gate = new();

        public IReadOnlyCollection<XElement> GetAllElements()
        {
            lock (_gate)
            {
                return _elements.Select(element => new XElement(element)).ToList();
            }
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            lock (_gate)
            {
                _elements.Add(new XElement(element));
            }
        }
    }
}
