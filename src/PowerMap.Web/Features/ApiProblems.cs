using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;

namespace PowerMap.Web.Features;

/// <summary>RFC 9457 problem documents of the API: 400 with <c>errors</c> keyed by field, 404, 409, 412, 503.</summary>
public static class ApiProblems
{
    /// <summary>
    /// Under <c>/api</c>, every error is a problem document, whatever the method: an unhandled exception (not the HTML
    /// error page, which re-executes with the request's method and answers a DELETE with an empty 405), a busy database
    /// (503 + Retry-After), a body that arrives too slowly (408) or is too large (413), and the empty-bodied statuses of
    /// routing (405, 415). Register it after the app's own status-code pages so that it runs first.
    /// </summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app) =>
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandler = WriteExceptionAsync,
                // A client's slow or oversized body and a busy database are answered, not server faults worth an error log line each.
                SuppressDiagnosticsCallback = c => c.Exception is BadHttpRequestException || DatabaseBusy.Is(c.Exception),
            });
            api.UseStatusCodePages();
        });

    /// <summary>The problem document for the exception that ended an API request.</summary>
    public static Task WriteExceptionAsync(HttpContext http)
    {
        var ex = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        var problem = ex switch
        {
            _ when DatabaseBusy.Is(ex) => Unavailable(http, DatabaseBusy.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status408RequestTimeout } =>
                TypedResults.Problem(statusCode: StatusCodes.Status408RequestTimeout, title: "Request timeout",
                    detail: "The request body arrived too slowly; nothing was changed."),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } b =>
                TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", detail: b.Message),
            BadHttpRequestException b => TypedResults.Problem(statusCode: b.StatusCode, title: "Bad request", detail: b.Message),
            _ => TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Internal server error",
                detail: "An unexpected error occurred and was logged. A write is one transaction: it was applied whole or not at all."),
        };
        return problem.ExecuteAsync(http);
    }

    public static ProblemHttpResult Invalid(ValidationErrors errors) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid input",
            Detail = "One or more fields are invalid; nothing was changed.",
            Extensions = { ["errors"] = errors },
        });

    /// <summary>400 for a list body (NetBox's bulk operations): <c>errors</c> is one object per item, in order, empty for a valid item.</summary>
    public static ProblemHttpResult InvalidItems(IReadOnlyList<ValidationErrors> errors) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid input",
            Detail = "One or more items are invalid; nothing was changed.",
            Extensions = { ["errors"] = errors },
        });

    public static ProblemHttpResult Invalid(string field, string message) => Invalid(new ValidationErrors().Add(field, message));

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    /// <summary>503 with <c>Retry-After</c>: the database is busy; nothing was changed and the client may retry.</summary>
    public static ProblemHttpResult Unavailable(HttpContext http, string detail)
    {
        http.Response.Headers.RetryAfter = DatabaseBusy.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: detail);
    }

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed", detail: detail);
}
