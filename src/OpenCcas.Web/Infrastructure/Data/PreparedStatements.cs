using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenCcas.Web.Infrastructure.Data;

/// <summary>
/// Queries tagged <c>.TagWith(PreparedStatements.Tag)</c> are prepared on PostgreSQL: the statement is parsed once per
/// physical connection and kept there. Tagged <see cref="GenericTag"/>, they also run with a generic plan: planned once,
/// then only executed. For a statement run hundreds of times a second whose plan does not depend on its values, planning
/// was most of PostgreSQL's work (search as you type: 0.4–0.9 ms of planning against 0.05–1 ms of execution).
/// </summary>
/// <remarks>
/// PostgreSQL would keep planning them anyway: after five runs it compares the generic plan's estimated cost with the
/// custom plans', and with unknown values the estimate of a prefix range looks dear. So a <see cref="GenericTag"/> statement
/// is preceded, in the same round trip, by <c>set_config('plan_cache_mode', 'force_generic_plan', true)</c>: the
/// statements of one command run in one implicit transaction, so the setting ends with it, error or not, and no other
/// statement of the connection is affected. Not <c>SET LOCAL</c>, which does the same but, outside an explicit
/// transaction block, writes a warning to PostgreSQL's log on every run (a million lines in a day of benchmarks). The
/// set_config's one-row result is skipped here before EF reads the query's rows.
/// Opt-in per query, not the connection string's automatic preparation or a setting for the whole connection: a generic
/// plan can be wrong where the values decide the plan. Measured on 200,000 people (bench/RESULTS.md, eighth session):
/// a single name word keeps its speed with a generic plan, but a phone number's lookup went from 2 to 44 ms and two
/// name words from 12 to 22 ms at the median; those are only prepared. Tag generic only what was measured so.
/// SQLite needs nothing: it has no planner statistics and Microsoft.Data.Sqlite keeps the statements it prepared.
/// </remarks>
public sealed class PreparedStatements : DbCommandInterceptor
{
    public const string Tag = "prepared";
    public const string GenericTag = "prepared, generic plan";
    private const string Marker = "-- " + Tag;
    private const string GenericMarker = "-- " + GenericTag + "\n";
    private const string GenericPlan = "SELECT set_config('plan_cache_mode', 'force_generic_plan', true);\n";

    public static readonly PreparedStatements Instance = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        if (Tagged(command)) command.Prepare();
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        // Npgsql keeps a prepared statement on its physical connection: preparing the same text again there costs no round trip.
        if (Tagged(command)) await command.PrepareAsync(cancellationToken);
        return result;
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        if (command.CommandText.StartsWith(GenericPlan, StringComparison.Ordinal)) result.NextResult();
        return result;
    }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
        DbDataReader result, CancellationToken cancellationToken = default)
    {
        // Past the set_config's row, to the query's.
        if (command.CommandText.StartsWith(GenericPlan, StringComparison.Ordinal)) await result.NextResultAsync(cancellationToken);
        return result;
    }

    private static bool Tagged(DbCommand command)
    {
        if (!command.CommandText.StartsWith(Marker, StringComparison.Ordinal)) return false;
        if (command.CommandText.StartsWith(GenericMarker, StringComparison.Ordinal)) command.CommandText = GenericPlan + command.CommandText;
        return true;
    }
}
