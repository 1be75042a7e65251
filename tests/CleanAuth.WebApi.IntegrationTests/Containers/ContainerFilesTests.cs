using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CleanAuth.WebApi.Admin;
using CleanAuth.WebApi.Hosting;
using Npgsql;
using YamlDotNet.RepresentationModel;

namespace CleanAuth.WebApi.IntegrationTests.Containers;

/// <summary>
/// No Docker engine runs where these tests run, so the Dockerfile and docker-compose.yml are
/// checked against the project instead: every path they name exists, the published DLL is the
/// WebApi assembly, and the services start in a health-based order on one database.
/// </summary>
public sealed partial class ContainerFilesTests
{
    private static readonly string Root = FindRepositoryRoot();

    private static readonly string AssemblyFile = typeof(Program).Assembly.GetName().Name + ".dll";

    private readonly Dockerfile _dockerfile = Dockerfile.Read(Path.Combine(Root, "Dockerfile"));

    private readonly YamlMappingNode _services = (YamlMappingNode)LoadYaml(Path.Combine(Root, "docker-compose.yml"))
        ["services"];

    [Fact]
    public void The_build_stage_copies_paths_that_exist_and_are_not_docker_ignored()
    {
        var ignored = File.ReadAllLines(Path.Combine(Root, ".dockerignore"))
            .Select(line => line.Trim().TrimEnd('/'))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();

        var sources = _dockerfile.Instructions("COPY")
            .Where(arguments => !arguments.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(arguments => arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();

        sources.Should().Contain(["global.json", "Directory.Packages.props", "src/"]);
        foreach (var source in sources)
        {
            var path = Path.Combine(Root, source);
            (File.Exists(path) || Directory.Exists(path)).Should().BeTrue($"the Dockerfile copies {source}");
            ignored.Should().NotContain(source.TrimEnd('/'), $"the Dockerfile copies {source}");
        }
    }

    [Fact]
    public void The_build_publishes_the_webapi_project_into_the_folder_the_runtime_stage_copies()
    {
        var publish = PublishCommand().Match(_dockerfile.Instructions("RUN").Single(r => r.Contains("publish")));
        var copyFromBuild = _dockerfile.Instructions("COPY")
            .Single(c => c.StartsWith("--from=build", StringComparison.Ordinal));

        publish.Success.Should().BeTrue();
        var project = Path.Combine(Root, publish.Groups["project"].Value);
        File.Exists(project).Should().BeTrue();
        var assemblyName = XDocument.Load(project).Descendants("AssemblyName").SingleOrDefault()?.Value
            ?? Path.GetFileNameWithoutExtension(project);
        (assemblyName + ".dll").Should().Be(AssemblyFile);
        copyFromBuild.Split(' ')[1].Should().Be(publish.Groups["output"].Value);
    }

    [Fact]
    public void The_runtime_stage_runs_the_webapi_dll_as_a_non_root_user_and_probes_its_health()
    {
        var entrypoint = JsonSerializer.Deserialize<string[]>(_dockerfile.Instructions("ENTRYPOINT").Single());
        var healthcheck = _dockerfile.Instructions("HEALTHCHECK").Single();
        var command = healthcheck[(healthcheck.IndexOf("CMD ", StringComparison.Ordinal) + 4)..];
        var probe = JsonSerializer.Deserialize<string[]>(command);
        var runtime = _dockerfile.Stages.Last();

        runtime.Should().StartWith("mcr.microsoft.com/dotnet/aspnet:10.0");
        _dockerfile.Stages.First().Should().StartWith("mcr.microsoft.com/dotnet/sdk:10.0");
        entrypoint.Should().Equal("dotnet", AssemblyFile);
        probe.Should().Equal("dotnet", AssemblyFile, HealthProbe.Verb);
        HealthProbe.Handles(probe![2..]).Should().BeTrue();
        _dockerfile.Instructions("USER").Single().Should().Be("$APP_UID");
        _dockerfile.Instructions("EXPOSE").Single().Should().Be("8080");
        _dockerfile.Instructions("ENV").Should().Contain("ASPNETCORE_URLS=http://0.0.0.0:8080");
        new Uri(HealthProbe.DefaultUrl).Port.Should().Be(8080);
    }

    [Fact]
    public void Compose_starts_postgres_then_migrate_then_the_api_by_health()
    {
        var postgres = Service("postgres");
        var migrate = Service("migrate");
        var api = Service("api");

        ((YamlMappingNode)postgres["healthcheck"]).Children.Should().ContainKey(new YamlScalarNode("test"));
        Condition(migrate, "postgres").Should().Be("service_healthy");
        Condition(api, "migrate").Should().Be("service_completed_successfully");
        Sequence(migrate["command"]).Should().Equal("migrate");
        AdminCommandLine.Handles(["migrate"]).Should().BeTrue();
        foreach (var built in new[] { migrate, api })
        {
            var context = ((YamlScalarNode)built["build"]).Value!;
            File.Exists(Path.Combine(Root, context, "Dockerfile")).Should().BeTrue();
        }
    }

    [Fact]
    public void Compose_points_migrate_and_the_api_at_the_postgres_service_and_its_database()
    {
        var database = (YamlMappingNode)Service("postgres")["environment"];

        foreach (var name in new[] { "migrate", "api" })
        {
            var environment = (YamlMappingNode)Service(name)["environment"];
            var connection = new NpgsqlConnectionStringBuilder(Scalar(environment, "ConnectionStrings__Default"));

            connection.Host.Should().Be("postgres", name);
            connection.Database.Should().Be(Scalar(database, "POSTGRES_DB"), name);
            connection.Username.Should().Be(Scalar(database, "POSTGRES_USER"), name);
        }

        var api = Service("api");
        Scalar((YamlMappingNode)api["environment"], "ASPNETCORE_URLS").Should().Be("http://0.0.0.0:8080");
        Sequence(api["ports"]).Should().Equal("127.0.0.1:8080:8080");
    }

    private YamlMappingNode Service(string name) => (YamlMappingNode)_services[name];

    private static string Condition(YamlMappingNode service, string dependency) =>
        Scalar((YamlMappingNode)((YamlMappingNode)service["depends_on"])[dependency], "condition");

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node[key]).Value!;

    private static List<string> Sequence(YamlNode node) =>
        [.. ((YamlSequenceNode)node).Children.Select(child => ((YamlScalarNode)child).Value!)];

    private static YamlNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return stream.Documents.Single().RootNode;
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CleanAuth.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("CleanAuth.sln not found above the test output folder.");
    }

    [GeneratedRegex(@"dotnet publish (?<project>\S+\.csproj)\b.*\s-o (?<output>\S+)")]
    private static partial Regex PublishCommand();

    /// <summary>A Dockerfile's instructions, with continuation lines joined and comments dropped.</summary>
    private sealed class Dockerfile(List<(string Keyword, string Arguments)> instructions)
    {
        public IEnumerable<string> Stages => Instructions("FROM");

        public IEnumerable<string> Instructions(string keyword) =>
            instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

        public static Dockerfile Read(string path)
        {
            var text = Regex.Replace(File.ReadAllText(path), @"\\\r?\n\s*", " ");
            var instructions = text.Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(line => line.Split(' ', 2))
                .Select(parts => (parts[0].ToUpperInvariant(), parts.Length > 1 ? parts[1].Trim() : string.Empty))
                .ToList();
            return new Dockerfile(instructions);
        }
    }
}
