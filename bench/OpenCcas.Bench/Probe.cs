using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;

namespace OpenCcas.Bench;

/// <summary>
/// Where the client CPU of one audited write goes: single-threaded, N operations of each step, CPU time per
/// operation. A diagnostic for RESULTS.md, not a target.
/// </summary>
internal static class Probe
{
    public static async Task<int> RunAsync(Options o)
    {
        var db = new Db(o);
        var n = o.Int("operations", 300, 10, 100_000);
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

        await Step("new DbContext + Model", n, db, async i => { await using var ctx = db.Context(org.Id); _ = ctx.Model; });
        await Step("new DbContext + Sites.FindAsync (1 SELECT)", n, db, async i => { await using var ctx = db.Context(org.Id); await ctx.Sites.FindAsync(siteId); });
        await Step("new DbContext + AsNoTracking count (1 SELECT)", n, db, async i => { await using var ctx = db.Context(org.Id); await ctx.Sites.CountAsync(); });
        await Step("new DbContext + ExecuteUpdate head (1 UPDATE, autocommit)", n, db, async i =>
        {
            await using var ctx = db.Context(org.Id);
            await ctx.AuditChainHeads.Where(h => h.OrganisationId == org.Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.LastSequence, h => h.LastSequence));
        });
        await Step("audited create of a Site (SaveChangesAsync)", n, db, async i =>
        {
            await using var ctx = db.Context(org.Id);
            ctx.Sites.Add(new Site { Name = $"Sonde {i} {Guid.NewGuid():N}", Kind = SiteKind.Other });
            await ctx.SaveChangesAsync();
        });
        await Step("audited update of a Site (Find + SaveChangesAsync)", n, db, async i =>
        {
            await using var ctx = db.Context(org.Id);
            var s = await ctx.Sites.FindAsync(siteId);
            s!.Phone = $"03 80 {i % 90 + 10} 00 00";
            await ctx.SaveChangesAsync();
        });
        var report = await db.VerifyAsync(org.Id);
        Console.WriteLine($"  chain: {report.Message}");
        return 0;
    }

    private static async Task Step(string label, int n, Db db, Func<int, Task> op)
    {
        for (var i = 0; i < 20; i++) await op(-1 - i); // warm-up
        var commands = db.Commands.Count;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) await op(i);
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / n;
        Console.WriteLine($"  {label,-58} CPU {cpuMs,6:F2} ms/op, wall {watch.Elapsed.TotalMilliseconds / n,6:F2} ms/op, " +
                          $"{(double)(db.Commands.Count - commands) / n:F1} commands/op");
    }
}
