using Microsoft.Extensions.Primitives;

namespace CleanAuth.WebApi.Authentication;

public enum BearerHeaderKind
{
    /// <summary>No Authorization header: the caller sent no credentials.</summary>
    Missing,

    /// <summary>Credentials of another scheme, which this API does not take on resource routes.</summary>
    OtherScheme,

    /// <summary>A Bearer attempt that breaks the syntax (RFC 6750 §2.1).</summary>
    Malformed,

    Token,
}

/// <summary>
/// Reads <c>Authorization: Bearer &lt;token&gt;</c> strictly: one header, the scheme in any case
/// (RFC 9110 §11.1), and one token of the b64token alphabet with nothing after it. Tokens in the
/// query string or a form body are never looked at (RFC 6750 §2.2 and §2.3 are not offered).
/// </summary>
public readonly record struct BearerHeader(BearerHeaderKind Kind, string? Token)
{
    private const string Scheme = "Bearer";

    /// <summary>Longer than any token this API issues; anything longer is not worth parsing.</summary>
    private const int MaxTokenLength = 1024;

    public static BearerHeader Read(StringValues authorization)
    {
        if (authorization.Count == 0)
        {
            return new(BearerHeaderKind.Missing, null);
        }

        if (authorization.Count > 1 || authorization[0] is not { } value)
        {
            return new(BearerHeaderKind.Malformed, null);
        }

        var separator = value.IndexOf(' ', StringComparison.Ordinal);
        var scheme = separator < 0 ? value : value[..separator];
        if (!scheme.Equals(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return new(IsToken68(scheme) ? BearerHeaderKind.OtherScheme : BearerHeaderKind.Malformed, null);
        }

        var token = separator < 0 ? string.Empty : value[(separator + 1)..].TrimStart(' ');
        if (token.Length is 0 or > MaxTokenLength || !IsToken68(token))
        {
            return new(BearerHeaderKind.Malformed, null);
        }

        return new(BearerHeaderKind.Token, token);
    }

    /// <summary>RFC 6750 §2.1 b64token: <c>1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="</c>.</summary>
    private static bool IsToken68(string text)
    {
        var end = text.Length;
        while (end > 0 && text[end - 1] == '=')
        {
            end--;
        }

        if (end == 0)
        {
            return false;
        }

        for (var i = 0; i < end; i++)
        {
            var c = text[i];
            var allowed = char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '+' or '/';
            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }
}
