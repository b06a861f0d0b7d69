using Microsoft.AspNetCore.Identity;
using PowerMap.Core.Data.Accounts;

namespace PowerMap.Web.Features.Accounts;

public static class AccountApi
{
    /// <summary><c>POST /account/logout</c> (a form with the antiforgery token): signs out and goes to the sign-in page.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/logout", async (SignInManager<PowerMapUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
