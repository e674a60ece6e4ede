using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenCcas.Web.Infrastructure.Data;

/// <summary>
/// Queries tagged <c>.TagWith(PreparedStatements.Tag)</c> are prepared on PostgreSQL: the statement is parsed once per
/// physical connection and kept there, and after five runs PostgreSQL may plan it once for all (a generic plan).
/// For a statement run hundreds of times a second whose plan does not depend on its values (search as you type:
/// equality and range lookups on one index, then rows by key), planning is most of PostgreSQL's work.
/// </summary>
/// <remarks>
/// Opt-in per query, not the connection string's automatic preparation: that prepares every statement, and a generic
/// plan can be wrong where the values decide the plan (a year's statistics over a date range, a prefix of two letters
/// against a LIKE). Tag only statements whose plan was checked on a large organisation (bench/RESULTS.md).
/// SQLite needs nothing: Microsoft.Data.Sqlite already keeps the statements it prepared.
/// </remarks>
public sealed class PreparedStatements : DbCommandInterceptor
{
    public const string Tag = "prepared";
    private const string Marker = "-- " + Tag + "\n";

    public static readonly PreparedStatements Instance = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result)
    {
        if (IsTagged(command)) command.Prepare();
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        // Npgsql keeps a prepared statement on its physical connection: preparing the same text again there costs no round trip.
        if (IsTagged(command)) await command.PrepareAsync(cancellationToken);
        return result;
    }

    private static bool IsTagged(DbCommand command) => command.CommandText.StartsWith(Marker, StringComparison.Ordinal);
}
