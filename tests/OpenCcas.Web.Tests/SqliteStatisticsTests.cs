using Microsoft.Data.Sqlite;

namespace OpenCcas.Web.Tests;

/// <summary>What SQLite's planner knows of the data: estimates seeded at start, real statistics after the nightly ANALYZE.</summary>
public sealed class SqliteStatisticsTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<string?> StatAsync(string index)
    {
        await using var connection = new SqliteConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT stat FROM sqlite_stat1 WHERE idx = $idx";
        command.Parameters.AddWithValue("$idx", index);
        var stats = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) stats.Add(reader.GetString(0));
        stats.Count.ShouldBeLessThanOrEqualTo(1, $"{index}: {string.Join(" | ", stats)}"); // one description per index, never two
        return stats.SingleOrDefault();
    }

    [Fact]
    public async Task On_sqlite_the_start_seeds_estimates_and_the_nightly_analyse_replaces_them_with_the_real_counts()
    {
        if (!app.IsSqlite)
        {
            // PostgreSQL analyses by itself: the job does nothing there.
            (await SqliteAnalyseJob.AnalyseAsync(app.Services, Ct)).ShouldBeFalse();
            return;
        }
        // At start: an organisation holds every row (of a million), a site a tenth, a file number one.
        (await StatAsync("IX_Person_OrganisationId_FileNumber")).ShouldBe("1000000 1000000 1");
        (await StatAsync("IX_Person_SiteId")).ShouldBe("1000000 100000");

        foreach (var name in new[] { "Analyse", "Statistique", "Planeur" })
            await People.TestPeople.AddAsync(app, app.A, name, "Camille");
        (await SqliteAnalyseJob.AnalyseAsync(app.Services, Ct)).ShouldBeTrue();
        int people;
        using (var scope = app.ScopeFor(app.A.Id))
            people = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<OpenCcas.Domain.People.Person>().IgnoreQueryFilters().CountAsync(Ct);
        var analysed = await StatAsync("IX_Person_OrganisationId_FileNumber");
        // The real count of files, then the files per organisation (the fixture's organisations share them), one per number.
        analysed.ShouldNotBeNull().ShouldStartWith($"{people} ");
        analysed.ShouldEndWith(" 1");
        analysed.ShouldNotBe("1000000 1000000 1");

        // A restart seeds nothing over real statistics.
        using (var scope = app.ScopeFor(app.A.Id))
            await SqlitePlannerStatistics.EnsureAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), Ct);
        (await StatAsync("IX_Person_OrganisationId_FileNumber")).ShouldBe(analysed);

        // An index a migration adds to an analysed table (here: its statistics removed) is described at the next start,
        // with the table's real row count, the organisation holding all of it; the others are left as they are.
        await using (var connection = new SqliteConnection(app.ConnectionString))
        {
            await connection.OpenAsync(Ct);
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM sqlite_stat1 WHERE idx = 'IX_Person_OrganisationId_CreatedAt'";
            (await delete.ExecuteNonQueryAsync(Ct)).ShouldBe(1);
        }
        using (var scope = app.ScopeFor(app.A.Id))
            await SqlitePlannerStatistics.EnsureAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), Ct);
        (await StatAsync("IX_Person_OrganisationId_CreatedAt")).ShouldBe($"{people} {people} {Math.Min(10, people)}");
        (await StatAsync("IX_Person_OrganisationId_FileNumber")).ShouldBe(analysed);
    }
}
