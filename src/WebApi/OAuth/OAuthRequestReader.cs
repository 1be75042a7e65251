using System.Text;
using System.Text.Json;
using CleanAuth.Application.Clients;
using CleanAuth.Application.Tokens;
using Microsoft.Net.Http.Headers;
using AuthenticationHeaderValue = System.Net.Http.Headers.AuthenticationHeaderValue;

namespace CleanAuth.WebApi.OAuth;

/// <summary>The parameters of an OAuth request, each present at most once and never empty.</summary>
public sealed class OAuthParameters(IReadOnlyDictionary<string, string> values)
{
    public string? this[string name] => values.GetValueOrDefault(name);
}

/// <summary>What reading an OAuth request gave: parameters and client credentials, or an error.</summary>
public sealed record OAuthRequest(
    OAuthParameters? Parameters,
    ClientCredentials? Client,
    TokenError? Error,
    string? ErrorDescription)
{
    public static OAuthRequest Failed(TokenError error, string description) => new(null, null, error, description);

    public override string ToString() => nameof(OAuthRequest);
}

/// <summary>
/// Reads requests to the OAuth endpoints (token, revocation, introspection) the way RFC 6749
/// puts them (form-encoded, §3.2) and, for clients that cannot send forms easily, as a flat JSON
/// object of strings. Client credentials come by HTTP Basic (§2.3.1) or in the body, never both.
/// </summary>
public static class OAuthRequestReader
{
    public static async Task<OAuthRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (parameters, problem) = await ReadParametersAsync(request, cancellationToken);
        if (parameters is null)
        {
            return OAuthRequest.Failed(TokenError.InvalidRequest, problem!);
        }

        var basic = ReadBasicCredentials(request);
        if (basic.Malformed)
        {
            return OAuthRequest.Failed(TokenError.InvalidClient, "Client authentication failed.");
        }

        var bodyClientId = parameters["client_id"];
        var bodyClientSecret = parameters["client_secret"];

        if (basic.Credentials is { } fromHeader)
        {
            // RFC 6749 §2.3: a client uses one authentication method per request.
            if (bodyClientSecret is not null || (bodyClientId is not null && bodyClientId != fromHeader.ClientKey))
            {
                return OAuthRequest.Failed(
                    TokenError.InvalidRequest,
                    "Send client credentials either by HTTP Basic or in the body, not both.");
            }

            return new OAuthRequest(parameters, fromHeader, null, null);
        }

        if (bodyClientId is null || bodyClientSecret is null)
        {
            return OAuthRequest.Failed(TokenError.InvalidClient, "Client authentication failed.");
        }

        return new OAuthRequest(parameters, new ClientCredentials(bodyClientId, bodyClientSecret), null, null);
    }

    private static async Task<(OAuthParameters? Parameters, string? Problem)> ReadParametersAsync(
        HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType))
        {
            return (null, "Send the parameters form-encoded (application/x-www-form-urlencoded) or as JSON.");
        }

        if (contentType.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return await ReadFormAsync(request, cancellationToken);
        }

        if (contentType.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return await ReadJsonAsync(request, cancellationToken);
            }
            catch (InvalidOperationException)
            {
                // JsonElement throws this for a name or value that is not valid UTF-8 or escapes an
                // unpaired surrogate: text that cannot be turned into a string.
                return (null, "The JSON body could not be read.");
            }
        }

        return (null, "Send the parameters form-encoded (application/x-www-form-urlencoded) or as JSON.");
    }

    private static async Task<(OAuthParameters?, string?)> ReadFormAsync(
        HttpRequest request,
        CancellationToken cancellationToken)
    {
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return (null, "The form body could not be read.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            // RFC 6749 §3.1: parameters must not repeat.
            if (value.Count > 1)
            {
                return (null, $"The parameter '{Printable(name)}' was sent more than once.");
            }

            // RFC 6749 §3.1: a parameter without a value counts as omitted.
            if (!string.IsNullOrEmpty(value[0]))
            {
                values[name] = value[0]!;
            }
        }

        return (new OAuthParameters(values), null);
    }

    private static async Task<(OAuthParameters?, string?)> ReadJsonAsync(
        HttpRequest request,
        CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException)
        {
            return (null, "The JSON body could not be read.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "The JSON body must be an object of string parameters.");
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    return (null, $"The parameter '{Printable(property.Name)}' was sent more than once.");
                }

                if (property.Value.ValueKind == JsonValueKind.Null)
                {
                    continue;
                }

                if (property.Value.ValueKind != JsonValueKind.String)
                {
                    return (null, $"The parameter '{Printable(property.Name)}' must be a string.");
                }

                var value = property.Value.GetString();
                if (!string.IsNullOrEmpty(value))
                {
                    values[property.Name] = value;
                }
            }

            return (new OAuthParameters(values), null);
        }
    }

    private static (ClientCredentials? Credentials, bool Malformed) ReadBasicCredentials(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !header.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            return (null, false);
        }

        if (header.Parameter is null)
        {
            return (null, true);
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return (null, true);
        }

        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        if (separator <= 0)
        {
            return (null, true);
        }

        // RFC 6749 §2.3.1: both parts are form-urlencoded before they are joined.
        var clientKey = FormDecode(decoded[..separator]);
        var clientSecret = FormDecode(decoded[(separator + 1)..]);
        if (clientKey is null || clientSecret is null || clientSecret.Length == 0)
        {
            return (null, true);
        }

        return (new ClientCredentials(clientKey, clientSecret), false);
    }

    private static string? FormDecode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    /// <summary>Parameter names are echoed in errors; keep them short and printable.</summary>
    private static string Printable(string name)
    {
        var shortened = name.Length > 40 ? name[..40] + "…" : name;
        return new string(shortened.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }
}
