using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Mediator;

namespace CleanAuth.WebApi.Admin;

/// <summary>What every admin verb shares: running a request in a scope, and printing for people or scripts.</summary>
public sealed class AdminConsole(IServiceProvider services, TextWriter output, TextWriter error)
{
    public TextWriter Output => output;

    public TextWriter Error => error;

    public IServiceProvider Services => services;

    public static Option<bool> JsonOption() =>
        new("--json") { Description = "Print one JSON document (snake_case keys) instead of text." };

    /// <summary>Each verb runs in a scope of its own, as a request would.</summary>
    public async Task<TResponse> SendAsync<TResponse>(Func<ISender, ValueTask<TResponse>> send)
    {
        await using var scope = services.CreateAsyncScope();
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    public async Task<int> NotFoundAsync(string what, string listHint)
    {
        await error.WriteLineAsync($"No {what}. List them with: {listHint}");
        return AdminExitCode.NotFound;
    }

    public async Task<int> UsageAsync(string message)
    {
        await error.WriteLineAsync(message);
        return AdminExitCode.Usage;
    }

    public Task WriteJsonAsync<T>(T value) =>
        output.WriteLineAsync(JsonSerializer.Serialize(value, AdminJson.Options));

    public async Task WriteFieldsAsync(params (string Name, string Value)[] fields)
    {
        var width = fields.Max(f => f.Name.Length) + 2;
        foreach (var (fieldName, value) in fields)
        {
            await output.WriteLineAsync(fieldName.PadRight(width) + value);
        }
    }

    public async Task WriteTableAsync(string[] headers, IEnumerable<string[]> rows)
    {
        var table = rows.ToList();
        var widths = headers
            .Select((header, column) => Math.Max(
                header.Length,
                table.Count == 0 ? 0 : table.Max(r => r[column].Length)))
            .ToArray();

        await output.WriteLineAsync(FormatRow(headers, widths));
        foreach (var row in table)
        {
            await output.WriteLineAsync(FormatRow(row, widths));
        }
    }

    public static string Format(DateTimeOffset? moment) =>
        moment?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    public static string Format(bool flag) => flag ? "yes" : "no";

    private static string FormatRow(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd();
}
