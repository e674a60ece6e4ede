using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace OpenCcas.Web.Infrastructure.Data;

/// <summary>
/// What SQLite's planner is told about an organisation's rows. Without statistics (sqlite_stat1, written by ANALYZE, which
/// the application does not run) SQLite assumes that an equality on an indexed column matches about ten rows — the
/// organisation's included. Every query carries <c>OrganisationId = @org</c> (the tenancy filter), so SQLite took "the
/// files of the organisation" for ten rows and walked them all to join a search's few matches: on 200,000 people a
/// one-word search read every file. Real statistics (the bench's generated databases are analysed) give the right plans.
/// <para>
/// So, on every start, each tenant table that has no statistics gets SQLite's own default estimates (a million rows, ten
/// per value of a column, one for a unique key) except for who owns the rows: a value of OrganisationId holds all of
/// them, a site or a team a tenth (a reception agent's search walked every file of the site the same way). Data-independent,
/// so the plans are the same on the demo, in the tests and in a town's database; never written over statistics an
/// ANALYZE left (those are real). SearchPlanTests checks the search's plans against it.
/// </para>
/// </summary>
internal static class SqlitePlannerStatistics
{
    private const long Rows = 1_000_000;
    private const string Organisation = "OrganisationId";
    private static readonly Dictionary<string, long> Owners = new() { [Organisation] = Rows, ["SiteId"] = Rows / 10, ["TeamId"] = Rows / 10 };

    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct = default)
    {
        var tables = db.Model.GetEntityTypes()
            .Where(t => t.FindProperty(Organisation) is not null && t.GetTableName() is not null && t.GetViewName() is null)
            .Select(t => t.GetTableName()!).Distinct().ToList();
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            // sqlite_stat1 exists once any ANALYZE ran; analysing the (tiny) migrations history creates it.
            if (!await AnyAsync(connection, "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'", ct))
                await ExecuteAsync(connection, "ANALYZE \"__EFMigrationsHistory\"", ct);
            var analysed = await StringsAsync(connection, "SELECT DISTINCT tbl FROM sqlite_stat1", ct);
            var rows = new List<(string Table, string Index, string Stat)>();
            foreach (var table in tables.Where(t => !analysed.Contains(t)))
            {
                var indexes = await ListAsync(connection, $"SELECT name, \"unique\" FROM pragma_index_list('{table}')", r => (Name: r.GetString(0), Unique: r.GetInt64(1) == 1), ct);
                foreach (var (index, unique) in indexes)
                {
                    var columns = await StringsListAsync(connection, $"SELECT name FROM pragma_index_info('{index}') ORDER BY seqno", ct);
                    // Rows per value of the index's first columns: the organisation holds all, a site or a team a tenth,
                    // anything more selective the default ten (one for the whole of a unique key).
                    var perColumn = new List<long>();
                    var owners = true;
                    for (var i = 0; i < columns.Count; i++)
                    {
                        owners &= Owners.TryGetValue(columns[i], out var share);
                        perColumn.Add(unique && i == columns.Count - 1 ? 1 : owners ? Math.Min(share, perColumn.LastOrDefault(Rows)) : 10);
                    }
                    rows.Add((table, index, string.Join(' ', perColumn.Prepend(Rows))));
                }
            }
            if (rows.Count == 0) return;
            await using var transaction = await connection.BeginTransactionAsync(ct);
            foreach (var (table, index, stat) in rows)
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ($tbl, $idx, $stat)";
                Add(insert, "$tbl", table);
                Add(insert, "$idx", index);
                Add(insert, "$stat", stat);
                await insert.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
            // Loads them now (other connections read them when they open).
            await ExecuteAsync(connection, "ANALYZE sqlite_schema", ct);
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<bool> AnyAsync(DbConnection connection, string sql, CancellationToken ct) =>
        (await StringsListAsync(connection, sql, ct)).Count > 0;

    private static async Task<HashSet<string>> StringsAsync(DbConnection connection, string sql, CancellationToken ct) =>
        (await StringsListAsync(connection, sql, ct)).ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static Task<List<string>> StringsListAsync(DbConnection connection, string sql, CancellationToken ct) =>
        ListAsync(connection, sql, r => Convert.ToString(r.GetValue(0))!, ct);

    private static async Task<List<T>> ListAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var list = new List<T>();
        while (await reader.ReadAsync(ct)) list.Add(read(reader));
        return list;
    }
}
