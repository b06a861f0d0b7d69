using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PowerMap.Core.Data;
using PowerMap.Core.Dcim;

namespace PowerMap.Web.Features;

/// <summary>RFC 9457 problem documents of the API: 400 with <c>errors</c> keyed by field, 404, 409, 412, 503.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult Invalid(ValidationErrors errors) =>
        TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Invalid input",
            Detail = "One or more fields are invalid; nothing was changed.",
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
