using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// The in-process server has no TCP peer. This sets the peer address a real server would see
/// from a test header, before anything of the app runs (forwarded headers included), so tests can
/// play several callers, with or without a proxy in front.
/// </summary>
public static class TestPeer
{
    public const string Header = "X-Test-Peer-Address";

    public const string DefaultAddress = "192.0.2.10";

    /// <summary>The app as the factory builds it, with these settings and a settable peer address.</summary>
    public static WebApplicationFactory<Program> WithPeers(this CleanAuthFactory factory, params string[] settings) =>
        factory.WithWebHostBuilder(builder =>
        {
            for (var i = 0; i + 1 < settings.Length; i += 2)
            {
                builder.UseSetting(settings[i], settings[i + 1]);
            }

            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, PeerAddressFilter>());
        });

    public static HttpRequestMessage From(this HttpRequestMessage request, string peerAddress)
    {
        request.Headers.Remove(Header);
        request.Headers.Add(Header, peerAddress);
        return request;
    }

    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                var peer = context.Request.Headers[Header].ToString();
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.Length > 0 ? peer : DefaultAddress);
                context.Request.Headers.Remove(Header);
                await following(context);
            });
            next(app);
        };
    }
}
