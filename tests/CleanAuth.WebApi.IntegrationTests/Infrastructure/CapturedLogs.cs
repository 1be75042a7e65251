using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Serilog.Core;
using Serilog.Events;

namespace CleanAuth.WebApi.IntegrationTests.Infrastructure;

/// <summary>Every log event the app writes, rendered with all its properties, for leak checks.</summary>
public sealed class CapturedLogs : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Clear() => _events.Clear();

    /// <summary>Each event as one line: message, every property, and any exception.</summary>
    public IEnumerable<string> RenderedLines() => Events.Select(Render);

    private static string Render(LogEvent logEvent)
    {
        var line = new StringBuilder(logEvent.RenderMessage(CultureInfo.InvariantCulture));
        foreach (var (name, value) in logEvent.Properties)
        {
            line.Append(' ').Append(name).Append('=').Append(value);
        }

        if (logEvent.Exception is not null)
        {
            line.Append(' ').Append(logEvent.Exception);
        }

        return line.ToString();
    }
}

public static class LogEventExtensions
{
    /// <summary>
    /// One of CleanAuth's own events with this id. Event ids are unique per category only: the
    /// framework's routing has its 1001 too, so the source must be ours.
    /// </summary>
    public static bool IsSecurityEvent(this LogEvent logEvent, int eventId) =>
        logEvent.EventId() == eventId
        && logEvent.Properties.TryGetValue("SourceContext", out var source)
        && source is ScalarValue { Value: string name }
        && name.StartsWith("CleanAuth.", StringComparison.Ordinal);

    /// <summary>The event id a Microsoft.Extensions.Logging call gave the event, or null.</summary>
    public static int? EventId(this LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("EventId", out var value)
        && value is StructureValue structure
        && structure.Properties.FirstOrDefault(p => p.Name == "Id")?.Value is ScalarValue { Value: int id }
            ? id
            : null;
}
