using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Demo;

/// <summary>
/// Bulk insertion of entities outside EF's change tracker (and therefore outside the per-row audit), for the demo's
/// year of activity and the benchmark generator. Tables and columns, value conversions (enums as text, SQLite
/// GUIDs and dates as text) come from the EF model, so rows are exactly what EF would write.
/// PostgreSQL: binary COPY. SQLite: one prepared INSERT per table, re-executed per row. Runs in the context's
/// current transaction (the caller opens it). Entities are buffered per type and written in the order of
/// <see cref="Order"/> so that referenced rows are written first.
/// </summary>
public sealed class BulkInsert(AppDbContext db, int flushEvery = 20_000)
{
    private readonly Dictionary<Type, List<object>> buffers = [];
    private readonly Dictionary<Type, Table> tables = [];
    private readonly Dictionary<Type, DbCommand> sqliteCommands = [];
    private int buffered;

    /// <summary>Rows written so far, per table.</summary>
    public Dictionary<string, long> Written { get; } = [];
    public long Total => Written.Values.Sum();

    /// <summary>Writing order: parents before children.</summary>
    public static readonly Type[] Order =
    [
        typeof(Domain.Partners.Partner), typeof(Domain.Reception.ReceptionReason),
        typeof(Domain.People.Household), typeof(Domain.People.Person), typeof(People.Search.PersonSearchTerm), typeof(Domain.People.PersonTeam), typeof(Domain.People.HouseholdMember),
        typeof(Domain.People.PersonIncome), typeof(Domain.People.PersonCharge), typeof(Domain.People.PersonConsent),
        typeof(Domain.Reception.Appointment), typeof(Domain.FollowUp.Interview), typeof(Domain.FollowUp.Note), typeof(Domain.FollowUp.FollowUpAction),
        typeof(Domain.FollowUp.Referral), typeof(Domain.Reception.ReceptionVisit), typeof(Domain.FollowUp.OnlineProcedure),
        typeof(Domain.FollowUp.CollectiveSession), typeof(Domain.FollowUp.CollectiveParticipant),
        typeof(Domain.FollowUp.ActionPlan), typeof(Domain.FollowUp.PlanGoal), typeof(Domain.FollowUp.PlanAction),
    ];

    public async Task AddAsync(object entity)
    {
        var type = entity.GetType();
        if (!buffers.TryGetValue(type, out var list)) buffers[type] = list = [];
        list.Add(entity);
        if (++buffered >= flushEvery) await FlushAsync();
    }

    public async Task AddRangeAsync(IEnumerable<object> entities)
    {
        foreach (var e in entities) await AddAsync(e);
    }

    public async Task FlushAsync()
    {
        foreach (var type in Order.Concat(buffers.Keys.Except(Order)).ToList())
        {
            if (!buffers.TryGetValue(type, out var list) || list.Count == 0) continue;
            var table = TableOf(type);
            if (db.Database.IsNpgsql()) await CopyAsync(table, list);
            else await InsertAsync(type, table, list);
            Written[table.Name] = Written.GetValueOrDefault(table.Name) + list.Count;
            list.Clear();
        }
        buffered = 0;
    }

    private sealed record Column(string Name, IProperty Property, RelationalTypeMapping Mapping, string PgType);
    private sealed record Table(string Name, IReadOnlyList<Column> Columns);

    private Table TableOf(Type type)
    {
        if (tables.TryGetValue(type, out var t)) return t;
        var entityType = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
        var name = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(name, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => !p.IsShadowProperty() && p.GetColumnName(store) is not null)
            .Select(p =>
            {
                var mapping = (RelationalTypeMapping)p.GetTypeMapping();
                var storeType = mapping.StoreType;
                var paren = storeType.IndexOf('(');
                return new Column(p.GetColumnName(store)!, p, mapping, paren > 0 ? storeType[..paren].Trim() : storeType);
            })
            .ToList();
        return tables[type] = new Table(name, columns);
    }

    private static object? Value(Column c, object entity)
    {
        var value = c.Property.GetGetter().GetClrValue(entity);
        if (value is null) return null;
        return c.Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    private async Task CopyAsync(Table table, List<object> rows)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var sql = $"COPY \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(sql);
        foreach (var row in rows)
        {
            await importer.StartRowAsync();
            foreach (var c in table.Columns)
            {
                var value = Value(c, row);
                if (value is null) await importer.WriteNullAsync();
                else await importer.WriteAsync(value, c.PgType);
            }
        }
        await importer.CompleteAsync();
    }

    private async Task InsertAsync(Type type, Table table, List<object> rows)
    {
        if (!sqliteCommands.TryGetValue(type, out var command))
        {
            command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) " +
                                  $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"$p{i}"))})";
            for (var i = 0; i < table.Columns.Count; i++)
                command.Parameters.Add(table.Columns[i].Mapping.CreateParameter(command, $"$p{i}", null, nullable: true));
            command.Prepare();
            sqliteCommands[type] = command;
        }
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var row in rows)
        {
            for (var i = 0; i < table.Columns.Count; i++)
                command.Parameters[i].Value = Value(table.Columns[i], row) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Disposes the prepared SQLite commands.</summary>
    public async ValueTask DisposeCommandsAsync()
    {
        foreach (var c in sqliteCommands.Values) await c.DisposeAsync();
        sqliteCommands.Clear();
    }
}
