using System.Text.Json;
using CleanAuth.Application.Common.Exceptions;
using CleanAuth.WebApi.OAuth;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace CleanAuth.WebApi.Errors;

/// <summary>
/// The one place where exceptions become HTTP answers: invalid requests are 400 (RFC 6749 body
/// on OAuth endpoints, RFC 9457 elsewhere), an unreachable database is 503 with Retry-After
/// (never a 401 and never a success), and anything else is a plain 500.
/// </summary>
internal sealed partial class ProblemExceptionHandler(
    IProblemDetailsService problemDetailsService,
    ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    private const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext,
        Exception exception,
        CancellationToken cancellationToken)
    {
        // The middleware has cleared the endpoint by now; the feature remembers the one that failed.
        var failedEndpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint;
        var isOAuthEndpoint = OAuthEndpointAttribute.IsOn(failedEndpoint);

        switch (exception)
        {
            case RequestValidationException validation when isOAuthEndpoint:
                await WriteOAuthErrorAsync(httpContext, StatusCodes.Status400BadRequest, validation.Errors.Keys);
                return true;

            case RequestValidationException validation:
                return await WriteValidationProblemAsync(httpContext, validation);

            case BadHttpRequestException badRequest when isOAuthEndpoint:
                await WriteOAuthErrorAsync(httpContext, badRequest.StatusCode, []);
                return true;

            case BadHttpRequestException badRequest:
                return await WriteProblemAsync(httpContext, badRequest.StatusCode, "Bad request", badRequest.Message);

            case OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested:
                // The caller went away; nobody is left to answer.
                httpContext.Response.StatusCode = 499;
                return true;

            case var _ when IsDatabaseUnavailable(exception):
                DatabaseUnavailable(logger, exception.GetType().Name, exception.Message);
                httpContext.Response.Headers.RetryAfter =
                    RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return await WriteProblemAsync(
                    httpContext,
                    StatusCodes.Status503ServiceUnavailable,
                    "Service unavailable",
                    "The service cannot reach its database. Try again shortly.");

            default:
                UnhandledException(logger, exception);
                return await WriteProblemAsync(
                    httpContext,
                    StatusCodes.Status500InternalServerError,
                    "Internal server error",
                    "Something went wrong on our side.");
        }
    }

    /// <summary>Connection failures, timeouts and server shutdowns, as opposed to bugs in a query.</summary>
    internal static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    // Class 08: connection exception; 53: insufficient resources; 57P: operator intervention.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("53", StringComparison.Ordinal)
                        || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case NpgsqlException npgsql when npgsql.IsTransient:
                case TimeoutException:
                    return true;
            }
        }

        return false;
    }

    private static async Task WriteOAuthErrorAsync(HttpContext httpContext, int statusCode, IEnumerable<string> fields)
    {
        var names = string.Join(", ", fields.Select(JsonNamingPolicy.SnakeCaseLower.ConvertName));
        var description = names.Length == 0
            ? "The request could not be read."
            : $"These parameters are missing, too long or malformed: {names}.";

        httpContext.Response.StatusCode = statusCode;
        await httpContext.Response.WriteAsJsonAsync(new TokenErrorResponse("invalid_request", description));
    }

    private async ValueTask<bool> WriteValidationProblemAsync(
        HttpContext httpContext,
        RequestValidationException validation)
    {
        // Field names as the JSON the client sent spells them.
        var errors = validation.Errors.ToDictionary(
            pair => JsonNamingPolicy.CamelCase.ConvertName(pair.Key),
            pair => pair.Value);

        httpContext.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problemDetailsService.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more fields are invalid.",
            },
        });
    }

    private async ValueTask<bool> WriteProblemAsync(
        HttpContext httpContext,
        int statusCode,
        string title,
        string detail)
    {
        httpContext.Response.StatusCode = statusCode;
        return await problemDetailsService.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = statusCode, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(
        EventId = 1200,
        EventName = "DatabaseUnavailable",
        Level = LogLevel.Error,
        Message = "Answered 503: the database is unavailable ({ExceptionType}: {ExceptionMessage})")]
    private static partial void DatabaseUnavailable(ILogger logger, string exceptionType, string exceptionMessage);

    [LoggerMessage(
        EventId = 1201,
        EventName = "UnhandledException",
        Level = LogLevel.Error,
        Message = "Answered 500 for an unhandled exception")]
    private static partial void UnhandledException(ILogger logger, Exception exception);
}
