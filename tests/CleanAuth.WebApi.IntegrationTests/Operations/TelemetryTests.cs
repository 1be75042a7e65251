using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using CleanAuth.Application.Common.Telemetry;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CleanAuth.WebApi.IntegrationTests.Operations;

public sealed class TelemetryTests(DatabaseFixture database) : IntegrationTest(database)
{
    [Fact]
    public async Task Issued_tokens_refused_requests_and_rejected_tokens_are_counted_by_category()
    {
        using var recorder = new MeasurementRecorder(Factory.Services.GetRequiredService<IMeterFactory>());

        var (client, userToken) = await SignedInUserAsync("alice");
        using var wrongPassword = await PostTokenAsync(
            [new("grant_type", "password"), new("username", "alice"), new("password", "not it")],
            Basic(client));
        using var forged = await GetAsync("/api/v1/users/me", "ca_at_forged");
        Time.Advance(TimeSpan.FromHours(2));
        using var expired = await GetAsync("/api/v1/users/me", userToken);

        wrongPassword.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        expired.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        recorder.Sum("cleanauth.tokens.issued", ("grant_type", "client_credentials")).Should().Be(1);
        recorder.Sum("cleanauth.tokens.issued", ("grant_type", "password")).Should().Be(1);
        recorder.Sum("cleanauth.token_requests.failed", ("grant_type", "password"), ("error", "invalid_grant"))
            .Should().Be(1);
        recorder.Sum("cleanauth.tokens.rejected", ("reason", "invalid")).Should().Be(1);
        recorder.Sum("cleanauth.tokens.rejected", ("reason", "expired")).Should().Be(1);
    }

    [Fact]
    public void Nothing_is_collected_or_exported_unless_a_collector_is_configured()
    {
        using var configured = Factory.WithWebHostBuilder(builder => builder
            .UseSetting("OpenTelemetry:OtlpEndpoint", "http://127.0.0.1:4317"));

        Factory.Services.GetService<MeterProvider>().Should().BeNull();
        Factory.Services.GetService<TracerProvider>().Should().BeNull();
        configured.Services.GetService<MeterProvider>().Should().NotBeNull();
        configured.Services.GetService<TracerProvider>().Should().NotBeNull();
    }

    /// <summary>Records the CleanAuth meter of one app instance, and nothing else.</summary>
    private sealed class MeasurementRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, long Value, KeyValuePair<string, object?>[] Tags)> _seen = new();

        public MeasurementRecorder(IMeterFactory appMeters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CleanAuthMetrics.MeterName && instrument.Meter.Scope == appMeters)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>(
                (instrument, value, tags, _) => _seen.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.Start();
        }

        public long Sum(string instrument, params (string Key, string Value)[] tags) => _seen
            .Where(m => m.Name == instrument)
            .Where(m => tags.All(t => m.Tags.Any(k => k.Key == t.Key && Equals(k.Value, t.Value))))
            .Sum(m => m.Value);

        public void Dispose() => _listener.Dispose();
    }
}
