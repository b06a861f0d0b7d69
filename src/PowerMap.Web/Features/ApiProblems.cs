using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PowerMap.Core.Dcim;

namespace PowerMap.Web.Features;

/// <summary>RFC 9457 problem documents of the API: 400 with <c>errors</c> keyed by field, 404, 409, 412.</summary>
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

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed", detail: detail);
}
