using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PowerMap.Tests.TestSupport;

/// <summary>Runs <see cref="Check"/> before every command a context executes (it throws to make the command fail).</summary>
public abstract class CommandCheckInterceptor : DbCommandInterceptor
{
    protected abstract void Check(DbCommand command);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }
}
