using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Bench;

/// <summary>
/// Where the client CPU of one audited write goes: single-threaded, N operations of each step, CPU time per
/// operation, and memory allocated per operation (independent of the machine's load: a proxy for the work done in
/// the client). A diagnostic for RESULTS.md, not a target. `--only TEXT` runs the steps whose label contains TEXT.
/// </summary>
internal static class Probe
{
    public static async Task<int> RunAsync(Options o)
    {
        var db = new Db(o);
        var n = o.Int("operations", 300, 10, 100_000);
        var only = o.Get("only");
        await db.MigrateAsync();
        var org = new Organisation { Name = $"Sonde {DateTime.UtcNow:HHmmssfff}" };
        await using (var ctx = db.Context(org.Id)) { ctx.Organisations.Add(org); await ctx.SaveChangesAsync(); }
        var siteId = Guid.Empty;
        await using (var ctx = db.Context(org.Id))
        {
            var s = new Site { Name = "Sonde", Kind = SiteKind.Other };
            ctx.Sites.Add(s);
            await ctx.SaveChangesAsync();
            siteId = s.Id;
        }
        var postgres = db.Provider == OpenCcas.Web.Infrastructure.Data.DatabaseProvider.Postgres;

        // Steps run interleaved, in rounds, so that a change of the machine's load affects them all alike.
        var steps = new List<(string Label, Func<int, Task> Op)>();
        Task Step(string label, Func<int, Task> op)
        {
            if (only is null || label.Contains(only, StringComparison.OrdinalIgnoreCase)) steps.Add((label, op));
            return Task.CompletedTask;
        }

        await Step("new DbContext + Model", async i => { await using var ctx = db.Context(org.Id); _ = ctx.Model; });
        await Step("new DbContext + begin + commit (empty transaction)", async i =>
        {
            await using var ctx = db.Context(org.Id);
            await using var tx = await ctx.Database.BeginTransactionAsync();
            await tx.CommitAsync();
        });
        await Step("new DbContext + begin + head via EF query + commit", async i =>
        {
            await using var ctx = db.Context(org.Id);
            await using var tx = await ctx.Database.BeginTransactionAsync();
            _ = postgres
                ? await ctx.AuditChainHeads.FromSql($"""SELECT * FROM "AuditChainHeads" WHERE "OrganisationId" = {org.Id} FOR UPDATE""").ToListAsync()
                : await ctx.AuditChainHeads.Where(h => h.OrganisationId == org.Id).ToListAsync();
            await tx.CommitAsync();
        });
        await Step("new DbContext + begin + head via ADO command + commit", async i =>
        {
            await using var ctx = db.Context(org.Id);
            await using var tx = await ctx.Database.BeginTransactionAsync();
            await using var cmd = ctx.Database.GetDbConnection().CreateCommand();
            cmd.Transaction = tx.GetDbTransaction();
            cmd.CommandText = """SELECT "LastSequence", "LastHash" FROM "AuditChainHeads" WHERE "OrganisationId" = @org""" + (postgres ? " FOR UPDATE" : "");
            var p = cmd.CreateParameter();
            p.ParameterName = "@org";
            p.Value = postgres ? org.Id : org.Id.ToString().ToUpperInvariant();
            cmd.Parameters.Add(p);
            await using var reader = await cmd.ExecuteReaderAsync();
            if (!await reader.ReadAsync()) throw new InvalidOperationException("no head");
            _ = (reader.GetInt64(0), reader.GetString(1));
            await reader.DisposeAsync();
            await tx.CommitAsync();
        });
        await Step("new DbContext + begin + head via EF raw command + commit", async i =>
        {
            await using var ctx = db.Context(org.Id);
            await using var tx = await ctx.Database.BeginTransactionAsync();
            var sql = """SELECT "LastSequence", "LastHash" FROM "AuditChainHeads" WHERE "OrganisationId" = @org""" + (postgres ? " FOR UPDATE" : "");
            var p = ctx.Database.GetDbConnection().CreateCommand().CreateParameter();
            p.ParameterName = "@org";
            p.Value = postgres ? org.Id : org.Id.ToString().ToUpperInvariant();
            var raw = ctx.GetService<IRawSqlCommandBuilder>().Build(sql, [p], ctx.Model);
            await using var reader = await raw.RelationalCommand.ExecuteReaderAsync(new RelationalCommandParameterObject(
                ctx.GetService<IRelationalConnection>(), raw.ParameterValues, null, ctx, ctx.GetService<Microsoft.EntityFrameworkCore.Diagnostics.IRelationalCommandDiagnosticsLogger>()));
            if (!await reader.ReadAsync()) throw new InvalidOperationException("no head");
            await reader.DisposeAsync();
            await tx.CommitAsync();
        });
        await Step("new DbContext + Add + DetectChanges, TenancyGuard, ChangeAudit.Collect (no save)", async i =>
        {
            await using var ctx = db.Context(org.Id);
            ctx.Sites.Add(NewSite(i));
            ctx.ChangeTracker.DetectChanges();
            TenancyGuard.Check(ctx);
            _ = ChangeAudit.Collect(ctx);
        });
        {
            var ctx = db.Context(org.Id); // kept for the whole run: the steps run later, in rounds
            var site = NewSite(0);
            ctx.Sites.Add(site);
            ctx.ChangeTracker.DetectChanges();
            await Step("  ChangeAudit.Collect alone (one added Site)", i => { _ = ChangeAudit.Collect(ctx); return Task.CompletedTask; });
            var line = ChangeAudit.Collect(ctx)[0];
            await Step("  AuditChain.Link alone (one line, SHA-256)", i => { AuditChain.Link([line], i, AuditChain.Genesis); return Task.CompletedTask; });
        }
        await Step("new DbContext + Sites.FindAsync (1 SELECT)", async i => { await using var ctx = db.Context(org.Id); await ctx.Sites.FindAsync(siteId); });
        await Step("new DbContext + AsNoTracking count (1 SELECT)", async i => { await using var ctx = db.Context(org.Id); await ctx.Sites.CountAsync(); });
        await Step("new DbContext + ExecuteUpdate head (1 UPDATE, autocommit)", async i =>
        {
            await using var ctx = db.Context(org.Id);
            await ctx.AuditChainHeads.Where(h => h.OrganisationId == org.Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence));
        });
        await Step("audited create of a Site (SaveChangesAsync)", async i =>
        {
            await using var ctx = db.Context(org.Id);
            ctx.Sites.Add(NewSite(i));
            await ctx.SaveChangesAsync();
        });
        await Step("audited update of a Site (Find + SaveChangesAsync)", async i =>
        {
            await using var ctx = db.Context(org.Id);
            var s = await ctx.Sites.FindAsync(siteId);
            s!.Phone = $"03 80 {i % 90 + 10} 00 00";
            s.OpeningHours = $"Lundi au vendredi 8h30–12h et 13h30–{i % 3 + 16}h";
            await ctx.SaveChangesAsync();
        });
        // The floor: the same create/update with the chain, in plain ADO.NET (its own organisation).
        var chainedOrg = new Organisation { Name = $"Sonde SQL {DateTime.UtcNow:HHmmssfff}" };
        await using (var ctx = db.Context(chainedOrg.Id)) { ctx.Organisations.Add(chainedOrg); await ctx.SaveChangesAsync(); }
        var chained = new AuditWrites.ChainedSqlWriter(db, chainedOrg.Id, 0, 9);
        await Step("SQL + chain, plain ADO.NET (create/update alternately; the floor)", i => chained.WriteAsync(i + 1000));
        await RunRoundsAsync(steps, n, o.Int("rounds", 5, 1, 100), db);
        foreach (var id in new[] { org.Id, chainedOrg.Id })
            Console.WriteLine($"  chain: {(await db.VerifyAsync(id)).Message}");
        return 0;
    }

    // As the audit-writes benchmark creates them.
    private static Site NewSite(int i) => new()
    {
        Name = $"Sonde {i} {Guid.NewGuid():N}", Kind = SiteKind.AccessToRightsPoint,
        Address = $"{Math.Abs(i) % 180 + 1} rue de la République, 21000 Dijon", Phone = "03 80 00 00 00",
        OpeningHours = "Lundi au vendredi 8h30–12h",
    };

    private static async Task RunRoundsAsync(List<(string Label, Func<int, Task> Op)> steps, int n, int rounds, Db db)
    {
        foreach (var (_, op) in steps)
            for (var i = 0; i < 20; i++) await op(-1 - i); // warm-up
        var cpu = new double[steps.Count];
        var wall = new double[steps.Count];
        var commands = new long[steps.Count];
        var allocated = new long[steps.Count];
        var perRound = Math.Max(1, n / rounds);
        var next = 0;
        for (var r = 0; r < rounds; r++)
            for (var s = 0; s < steps.Count; s++)
            {
                var c0 = db.Commands.Count;
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var bytes0 = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                for (var i = 0; i < perRound; i++) await steps[s].Op(next++);
                wall[s] += watch.Elapsed.TotalMilliseconds;
                cpu[s] += (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds;
                commands[s] += db.Commands.Count - c0;
                allocated[s] += GC.GetTotalAllocatedBytes(precise: true) - bytes0;
            }
        var total = (double)perRound * rounds;
        for (var s = 0; s < steps.Count; s++)
            Console.WriteLine($"  {steps[s].Label,-82} CPU {cpu[s] / total,6:F3} ms/op, wall {wall[s] / total,6:F3} ms/op, " +
                              $"{allocated[s] / total / 1024,6:F1} KB allocated/op, {commands[s] / total:F1} commands/op");
        Console.WriteLine($"  ({perRound * rounds} operations per step in {rounds} interleaved rounds; load average {File.ReadAllText("/proc/loadavg").Trim()})");
    }
}
