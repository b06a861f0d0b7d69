using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using PowerMap.Core.Data.ChangeLog;

namespace PowerMap.Web.Features.Accounts;

/// <summary>
/// Makes the circuit's signed-in user the <see cref="ChangeActor"/> of each browser event (a click, a form submit),
/// with a request id per event: the change log says who did it, and a viewer's circuit cannot write even if a
/// crafted message reached a handler.
/// </summary>
public sealed class CircuitActorHandler(AuthenticationStateProvider authentication) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var user = (await authentication.GetAuthenticationStateAsync()).User;
            using (ChangeActor.Use(new ChangeActor(user.Identity?.Name, ChangeActor.NewRequestId(), ApiGate.CanEdit(user, viaToken: false))))
            {
                await next(context);
            }
        };
}
