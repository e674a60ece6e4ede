using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenCcas.Web.Infrastructure.Data;

/// <summary>
/// Queries tagged <c>.TagWith(PreparedStatements.Tag)</c> are prepared on PostgreSQL and run with a generic plan: the
/// statement is parsed and planned once per physical connection, then only executed. For a statement run hundreds of
/// times a second whose plan does not depend on its values (search as you type: equality and range lookups on one
/// index, then files by key), planning was most of PostgreSQL's work: 0.4–0.9 ms against 0.05–1 ms of execution.
/// </summary>
/// <remarks>
/// PostgreSQL would keep planning them anyway: after five runs it compares the generic plan's estimated cost with the
/// custom plans', and with unknown values the estimate of a prefix range looks dear. So the statement is preceded, in
/// the same round trip, by <c>SET LOCAL plan_cache_mode = force_generic_plan</c>: the statements of one command run in one
/// implicit transaction, so the setting ends with it, error or not, and no other statement of the connection is affected.
/// Opt-in per query, not the connection string's automatic preparation or a setting for the whole connection: a generic
/// plan can be wrong where the values decide the plan (a year's statistics over a date range). Tag only statements whose
/// generic plan was checked against the custom one on a large organisation (bench/RESULTS.md, eighth session).
/// SQLite needs nothing: it has no planner statistics and Microsoft.Data.Sqlite keeps the statements it prepared.
/// </remarks>
public sealed class PreparedStatements : DbCommandInterceptor
{
    public const string Tag = "prepared";
    private const string Marker = "-- " + Tag + "\n";
    private const string GenericPlan = "SET LOCAL plan_cache_mode = force_generic_plan;\n";

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

    private static bool Tagged(DbCommand command)
    {
        if (!command.CommandText.StartsWith(Marker, StringComparison.Ordinal)) return false;
        command.CommandText = GenericPlan + command.CommandText;
        return true;
    }
}
