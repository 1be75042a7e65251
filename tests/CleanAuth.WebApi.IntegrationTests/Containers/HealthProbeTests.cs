using System.Net;
using System.Net.Sockets;
using CleanAuth.WebApi.Hosting;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Containers;

/// <summary>The <c>probe</c> verb the container's HEALTHCHECK runs.</summary>
public sealed class HealthProbeTests(DatabaseFixture database) : IntegrationTest(database)
{
    [Fact]
    public async Task A_live_app_exits_0()
    {
        using var error = new StringWriter();

        var exitCode = await HealthProbe.RunAsync([HealthProbe.Verb], error, Factory.Server.CreateHandler());

        exitCode.Should().Be(0, error.ToString());
    }

    [Fact]
    public async Task A_route_that_is_not_healthy_exits_1_and_says_what_answered()
    {
        using var error = new StringWriter();

        var exitCode = await HealthProbe.RunAsync(
            [HealthProbe.Verb, "http://127.0.0.1:8080/health/nothing"],
            error,
            Factory.Server.CreateHandler());

        exitCode.Should().Be(1);
        error.ToString().Should().Contain("404");
    }

    [Fact]
    public async Task Nothing_listening_exits_1()
    {
        using var error = new StringWriter();

        var exitCode = await HealthProbe.RunAsync([HealthProbe.Verb, $"http://127.0.0.1:{ClosedPort()}/"], error);

        exitCode.Should().Be(1);
        error.ToString().Should().Contain("did not answer");
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1/")]
    public async Task A_wrong_url_exits_1_with_usage(string url)
    {
        using var error = new StringWriter();

        var exitCode = await HealthProbe.RunAsync([HealthProbe.Verb, url], error);

        exitCode.Should().Be(1);
        error.ToString().Should().StartWith("Usage:");
    }

    /// <summary>A loopback port that was free a moment ago and has no listener.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
