using System.Data.Common;

namespace PowerMap.Tests.TestSupport;

/// <summary>
/// Makes a multi-step write fail part-way: once armed, the <c>n</c>-th data-changing command (INSERT, UPDATE or DELETE)
/// throws as if the database had refused it, after the earlier ones ran in the same transaction (or the first one that
/// names a table, <see cref="FailOnWriteContaining"/>).
/// </summary>
public sealed class FailingCommandInterceptor : CommandCheckInterceptor
{
    private int _remaining;
    private volatile string? _failContaining;

    public int FailedCommands { get; private set; }

    /// <summary>The <paramref name="n"/>-th write command from now fails (once).</summary>
    public void FailOnWrite(int n) => _remaining = n;

    /// <summary>The next write command whose text contains <paramref name="text"/> (a table name) fails (once).</summary>
    public void FailOnWriteContaining(string text) => _failContaining = text;

    protected override void Check(DbCommand command)
    {
        var text = command.CommandText.TrimStart();
        bool isWrite = text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase);
        if (isWrite && _failContaining is { } table && text.Contains(table, StringComparison.OrdinalIgnoreCase))
        {
            _failContaining = null;
            FailedCommands++;
            throw new InvalidOperationException("Injected failure of: " + text[..Math.Min(60, text.Length)]);
        }
        if (!isWrite || _remaining == 0)
        {
            return;
        }
        if (--_remaining == 0)
        {
            FailedCommands++;
            throw new InvalidOperationException("Injected failure of: " + text[..Math.Min(60, text.Length)]);
        }
    }
}
