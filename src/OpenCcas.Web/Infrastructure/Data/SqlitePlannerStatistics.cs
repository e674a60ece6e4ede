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
/// <para>
/// An index that a migration adds to a table the nightly ANALYZE already described has no statistics until the next
/// night, and SQLite would take its organisation column for ten rows too: it gets the same estimates, scaled to the
/// table's real row count.
/// </para>
/// </summary>
internal static class SqlitePlannerStatistics
{
    private const long Rows = 1_000_000;
    private const string Organisation = "OrganisationId";
    private static readonly Dictionary<string, long> Owners = new() { [Organisation] = Rows, ["SiteId"] = Rows / 10, ["TeamId"] = Rows / 10 };

    private sealed record IndexColumn(string Table, string Index, bool Unique, string? Column);

    private sealed record TableRows(string Table, string Stat);

    public static async Task EnsureAsync(AppDbContext db, CancellationToken ct = default)
    {
        var tenantTables = db.Model.GetEntityTypes()
            .Where(t => t.FindProperty(Organisation) is not null && t.GetTableName() is not null && t.GetViewName() is null)
            .Select(t => t.GetTableName()!).ToHashSet();
        // One connection throughout: ANALYZE sqlite_schema at the end reloads the statistics on it.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            // sqlite_stat1 exists once any ANALYZE ran; analysing the (tiny) migrations history creates it.
            if (!await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").AnyAsync(ct))
                await db.Database.ExecuteSqlRawAsync("ANALYZE \"__EFMigrationsHistory\"", ct);
            // Every column of the indexes without statistics, in index order.
            var columns = await db.Database.SqlQueryRaw<IndexColumn>("""
                SELECT m.name AS "Table", il.name AS "Index", il."unique" AS "Unique", ii.name AS "Column"
                FROM sqlite_master AS m, pragma_index_list(m.name) AS il, pragma_index_info(il.name) AS ii
                WHERE m.type = 'table' AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 AS s WHERE s.tbl = m.name AND s.idx = il.name)
                ORDER BY m.name, il.name, ii.seqno
                """).ToListAsync(ct);
            var indexes = columns.Where(c => tenantTables.Contains(c.Table)).GroupBy(c => (c.Table, c.Index, c.Unique)).ToList();
            if (indexes.Count == 0) return;
            // The row count an ANALYZE found for the table (the first number of any of its descriptions), if it ran.
            var analysed = (await db.Database.SqlQueryRaw<TableRows>("""SELECT tbl AS "Table", stat AS "Stat" FROM sqlite_stat1""").ToListAsync(ct))
                .Select(x => (x.Table, Rows: long.TryParse(x.Stat.Split(' ')[0], out var n) ? n : 0)).Where(x => x.Rows > 0)
                .GroupBy(x => x.Table).ToDictionary(g => g.Key, g => g.Max(x => x.Rows));
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                foreach (var index in indexes)
                    await db.Database.ExecuteSqlRawAsync("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ({0}, {1}, {2})",
                        [index.Key.Table, index.Key.Index,
                            Stat(index.Select(c => c.Column).ToList(), index.Key.Unique, analysed.GetValueOrDefault(index.Key.Table, Rows))], ct);
                await transaction.CommitAsync(ct);
            }
            // Loads them now (other connections read them when they open).
            await db.Database.ExecuteSqlRawAsync("ANALYZE sqlite_schema", ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>
    /// The rows, then the rows per value of the index's first columns: the organisation holds all, a site or a team a
    /// tenth, anything more selective the default ten (one for the whole of a unique key).
    /// </summary>
    private static string Stat(List<string?> columns, bool unique, long rows)
    {
        var perColumn = new List<long>();
        var owners = true;
        for (var i = 0; i < columns.Count; i++)
        {
            owners &= columns[i] is { } c && Owners.ContainsKey(c);
            var owned = owners ? Math.Max(1, rows * Owners[columns[i]!] / Rows) : 10;
            perColumn.Add(unique && i == columns.Count - 1 ? 1 : Math.Min(owned, perColumn.LastOrDefault(rows)));
        }
        return string.Join(' ', perColumn.Prepend(rows));
    }
}
