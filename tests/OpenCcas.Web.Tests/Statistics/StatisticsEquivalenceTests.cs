using System.Text.Json;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.FollowUp.Statistics;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Tests.Demo;

namespace OpenCcas.Web.Tests.Statistics;

/// <summary>
/// The statistics computed by the application (few grouped passes) against the first, figure-by-figure version kept
/// in <see cref="StatisticsReference"/>, on the demo's generated year of activity (400 people, thousands of
/// interviews, appointments and contacts): every table, row and cell must be the same, for the whole organisation,
/// each site, each team, a site and a team together, shorter periods and with small cells masked.
/// </summary>
public sealed class StatisticsEquivalenceTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    [Fact]
    public async Task The_fast_statistics_give_exactly_the_figures_of_the_reference_queries()
    {
        using var scope = demo.DemoScope(out var db);
        var leases = scope.ServiceProvider.GetRequiredService<ContextLeases>();
        var sites = await db.Sites.Select(s => s.Id).ToListAsync();
        var teams = await db.Teams.Select(t => t.Id).ToListAsync();
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToParis().DateTime);
        var lastYear = today.AddYears(-1);
        var periods = new List<(DateOnly From, DateOnly To)>
        {
            (lastYear, today.AddDays(14)), // the whole generated activity, with the appointments to come
            (new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31)),
            (lastYear.AddMonths(3), lastYear.AddMonths(8)),
            (today.AddMonths(-1), today),
            (new DateOnly(2000, 1, 1), new DateOnly(2000, 12, 31)), // nothing
        };
        var filters = new List<StatisticsFilter>();
        foreach (var (from, to) in periods) filters.Add(new StatisticsFilter(from, to));
        var (yFrom, yTo) = periods[0];
        filters.AddRange(sites.Select(s => new StatisticsFilter(yFrom, yTo, SiteId: s)));
        filters.AddRange(teams.Select(t => new StatisticsFilter(yFrom, yTo, TeamId: t)));
        filters.Add(new StatisticsFilter(yFrom, yTo, sites[0], teams[0]));
        filters.Add(new StatisticsFilter(periods[2].From, periods[2].To, sites[^1], null));

        var compared = 0L;
        foreach (var filter in filters)
            foreach (var seniorAge in new[] { 62, 75 })
                foreach (var mask in new[] { false, true })
                {
                    var expected = await StatisticsReference.RunAsync(db, filter, seniorAge, mask);
                    // On SQLite, with a second connection for the people followed (as the application) and without.
                    var actual = await StatisticsQuery.RunAsync(db, filter, seniorAge, mask, leases: mask ? null : leases);
                    var label = $"{filter} senior {seniorAge} mask {mask}";
                    Json(actual).ShouldBe(Json(expected), label);
                    if (filter == filters[0] && !mask)
                        compared += actual.Table("synthese").Rows.Sum(r => r.Cells[0].Count ?? 0);
                }
        // The data set is not trivially empty: thousands of interviews, appointments and contacts were compared.
        compared.ShouldBeGreaterThan(5_000);
        // SQLite: the age groups' temporary table went with each request, not back to the connection pool with the connection.
        if (db.Database.IsSqlite())
            (await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_temp_master WHERE name = '{StatisticsQuery.AgeGroupTable}'").SingleAsync())
                .ShouldBe(0);
    }

    private static string Json(StatisticsReport r) => JsonSerializer.Serialize(r, new JsonSerializerOptions { WriteIndented = true });
}
