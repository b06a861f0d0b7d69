using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PowerMap.Tests.TestSupport;

/// <summary>
/// Makes a commit fail (<see cref="FailNextCommit"/>), or — armed with <see cref="FailAfterNextCommit"/> — the first
/// command after the next commit whose text contains a string (what a write does once its transaction has committed).
/// Add <see cref="Commands"/> as well as this object to a context's interceptors.
/// </summary>
public sealed class CommitFaults : DbTransactionInterceptor
{
    private volatile bool _failNextCommit;
    private volatile string? _afterCommit;
    private volatile string? _failCommandContaining;

    public CommitFaults() => Commands = new CommandFaults(this);

    public DbCommandInterceptor Commands { get; }

    public void FailNextCommit() => _failNextCommit = true;

    public void FailAfterNextCommit(string commandContaining) => _afterCommit = commandContaining;

    public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        if (_failNextCommit)
        {
            _failNextCommit = false;
            throw new InvalidOperationException("Injected commit failure");
        }
        return base.TransactionCommittingAsync(transaction, eventData, result, cancellationToken);
    }

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (_afterCommit is { } text)
        {
            _afterCommit = null;
            _failCommandContaining = text;
        }
        return base.TransactionCommittedAsync(transaction, eventData, cancellationToken);
    }

    private sealed class CommandFaults(CommitFaults faults) : CommandCheckInterceptor
    {
        protected override void Check(DbCommand command)
        {
            if (faults._failCommandContaining is { } text && command.CommandText.Contains(text, StringComparison.OrdinalIgnoreCase))
            {
                faults._failCommandContaining = null;
                throw new InvalidOperationException("Injected failure after the commit");
            }
        }
    }
}
