using System.Diagnostics.Metrics;
using CleanAuth.Application.Tokens;
using CleanAuth.Application.Tokens.ValidateToken;

namespace CleanAuth.Application.Common.Telemetry;

/// <summary>
/// CleanAuth's own counters, on the <c>CleanAuth</c> meter. Tags carry categories only (grant
/// type, error code, reason), never a client, user or token id: those stay in the log, where
/// each event can be traced, and out of metric series, whose number must stay small.
/// </summary>
public sealed class CleanAuthMetrics
{
    public const string MeterName = "CleanAuth";

    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _grantsFailed;
    private readonly Counter<long> _tokensRejected;

    public CleanAuthMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _tokensIssued = meter.CreateCounter<long>(
            "cleanauth.tokens.issued",
            unit: "{token}",
            description: "Access tokens issued by the token endpoint, by grant type.");
        _grantsFailed = meter.CreateCounter<long>(
            "cleanauth.token_requests.failed",
            unit: "{request}",
            description: "Token requests refused, by grant type and RFC 6749 error code.");
        _tokensRejected = meter.CreateCounter<long>(
            "cleanauth.tokens.rejected",
            unit: "{token}",
            description: "Access tokens refused on protected routes, by reason (expired or invalid).");
    }

    public void TokenIssued(string grantType) =>
        _tokensIssued.Add(1, new KeyValuePair<string, object?>("grant_type", grantType));

    public void TokenRequestFailed(string grantType, TokenError error) =>
        _grantsFailed.Add(
            1,
            new KeyValuePair<string, object?>("grant_type", grantType),
            new KeyValuePair<string, object?>("error", ErrorCode(error)));

    public void TokenRejected(TokenRejection reason) =>
        _tokensRejected.Add(
            1,
            new KeyValuePair<string, object?>("reason", reason == TokenRejection.Expired ? "expired" : "invalid"));

    private static string ErrorCode(TokenError error) => error switch
    {
        TokenError.InvalidRequest => "invalid_request",
        TokenError.InvalidClient => "invalid_client",
        TokenError.InvalidGrant => "invalid_grant",
        TokenError.UnauthorizedClient => "unauthorized_client",
        TokenError.UnsupportedGrantType => "unsupported_grant_type",
        _ => "other",
    };
}
