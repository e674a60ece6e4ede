using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.People.Search;

namespace OpenCcas.Bench;

/// <summary>
/// Where a search's server CPU goes: the application's <see cref="PeopleSearch"/> run in-process (no HTTP), on one
/// thread, over the query mix, for the benchmark account (its real grants and teams) and, with <c>--as social</c>, as a
/// social worker of its teams only. Prints the client CPU and the wall time per search. A diagnostic, not a target.
/// </summary>
internal static class SearchProbe
{
    public static async Task<int> RunAsync(Options o)
    {
        var token = JsonSerializer.Deserialize<BenchToken>(await File.ReadAllTextAsync(o.Required("token-file")))!;
        var seconds = o.Int("seconds", 10, 1, 600);
        var db = new Db(o);
        var mode = o.Get("mode") ?? "search";
        var queries = await HttpBench.QueryMixAsync(db, token.OrganisationId, o.Int("queries", 1000, 10, 100_000), o.Int("seed", 7, 0, int.MaxValue));
        Actor actor;
        await using (var ctx = db.Context(token.OrganisationId))
        {
            var grants = await ctx.Set<RoleAssignment>().Where(r => r.UserId == token.UserId)
                .Select(r => new RoleGrant(r.Role, r.SiteId, r.TeamId)).ToListAsync();
            var teams = await ctx.Set<TeamMember>().Where(t => t.UserId == token.UserId).Select(t => t.TeamId).ToListAsync();
            if (o.Get("as") == "social") grants = [new RoleGrant(Role.SocialWorker)];
            actor = new Actor(token.UserId, token.OrganisationId, grants, teams);
        }
        Console.WriteLine($"search-probe: {queries.Count} queries, grants {string.Join(", ", actor.Grants.Select(g => g.Role))}, {actor.TeamIds.Count} teams");
        for (var round = 0; round < 2; round++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            var allocated = GC.GetTotalAllocatedBytes();
            var watch = Stopwatch.StartNew();
            var count = 0;
            var found = 0L;
            var perKind = queries.Select(q => q.Kind).Distinct().ToDictionary(k => k, _ => (Count: 0, Ms: 0.0));
            while (watch.Elapsed < TimeSpan.FromSeconds(seconds))
            {
                var q = queries[count++ % queries.Count];
                var t = Stopwatch.GetTimestamp();
                await using var ctx = db.Context(token.OrganisationId);
                found += mode switch
                {
                    "trivial" => (await ctx.Set<OpenCcas.Domain.People.Person>().Where(p => p.FileNumber == count).Select(p => new { p.Id, p.LastName }).ToListAsync()).Count,
                    "openable" => (await OpenCcas.Web.People.PersonFiles.Openable(ctx, actor).Where(p => p.FileNumber == count).Select(p => new { p.Id, p.LastName }).ToListAsync()).Count,
                    _ => (await PeopleSearch.SearchAsync(ctx, actor, q.Text, 20)).Count,
                };
                var k = perKind[q.Kind];
                perKind[q.Kind] = (k.Count + 1, k.Ms + Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
            var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
            Console.WriteLine($"  {(round == 0 ? "warm-up" : "measured")}: {count} searches, {watch.Elapsed.TotalMilliseconds / count:F3} ms wall and " +
                              $"{cpuMs / count:F3} ms client CPU per search, {found / (double)count:F1} hits per search, " +
                              $"{(GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / count:F1} KB allocated and " +
                              $"{(System.Runtime.JitInfo.GetCompiledMethodCount() - jitted) / (double)count:F2} methods compiled per search");
            if (round == 1)
                foreach (var (kind, (n, ms)) in perKind) Console.WriteLine($"    {kind,-10} {n,6} searches, {ms / Math.Max(n, 1):F3} ms wall");
        }
        return 0;
    }
}
