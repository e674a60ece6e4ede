using Microsoft.Data.Sqlite;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Operations;

namespace OpenCcas.Web.Tests;

/// <summary>The SQLite online backup and its restore round-trip the data (SQLite run only: PostgreSQL uses pg_dump).</summary>
public sealed class BackupTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Sqlite_backup_then_restore_brings_back_the_data_as_it_was()
    {
        Assert.SkipUnless(app.IsSqlite, "SQLite backup only: with PostgreSQL, backups are made with pg_dump.");
        var ct = TestContext.Current.CancellationToken;
        var backup = Path.Combine(Path.GetTempPath(), $"openccas-backup-{Guid.NewGuid():N}.db");
        try
        {
            var admin = await app.SignedInAsync(app.A, Role.Admin);
            (await admin.PostAsJsonAsync("/api/sites", new { name = "Avant la sauvegarde" }, ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
            var sitesBefore = (await admin.GetFromJsonAsync<JsonElement[]>("/api/sites", ct))!.Select(s => s.GetProperty("name").GetString()).ToList();
            long auditBefore;
            using (var scope = app.ScopeFor(app.A.Id))
                auditBefore = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.CountAsync(ct);

            await Backup.SqliteAsync(app.ConnectionString, backup);
            File.Exists(backup).ShouldBeTrue();

            (await admin.PostAsJsonAsync("/api/sites", new { name = "Après la sauvegarde" }, ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
            var first = (await admin.GetFromJsonAsync<JsonElement[]>("/api/sites", ct))!.First(s => s.GetProperty("name").GetString() == "Avant la sauvegarde");
            (await admin.DeleteAsync($"/api/sites/{first.GetProperty("id").GetGuid()}", ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

            await Backup.RestoreSqliteAsync(backup, app.ConnectionString);

            var sitesAfter = (await admin.GetFromJsonAsync<JsonElement[]>("/api/sites", ct))!.Select(s => s.GetProperty("name").GetString()).ToList();
            sitesAfter.ShouldBe(sitesBefore);
            using (var scope = app.ScopeFor(app.A.Id))
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                ((long)await db.AuditEntries.CountAsync(ct)).ShouldBe(auditBefore);
                (await AuditVerifier.VerifyAsync(db, ct)).Intact.ShouldBeTrue();
                (await db.Users.CountAsync(ct)).ShouldBe(Enum.GetValues<Role>().Length + 1);
            }
            // The restored database still accepts writes, and audits them on the restored chain.
            (await admin.PostAsJsonAsync("/api/sites", new { name = "Après la restauration" }, ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
            (await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify", ct)).GetProperty("intact").GetBoolean().ShouldBeTrue();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(backup);
        }
    }

    [Fact]
    public async Task Restoring_a_damaged_file_is_refused_and_changes_nothing()
    {
        Assert.SkipUnless(app.IsSqlite, "SQLite backup only: with PostgreSQL, backups are made with pg_dump.");
        var ct = TestContext.Current.CancellationToken;
        var damaged = Path.Combine(Path.GetTempPath(), $"openccas-damaged-{Guid.NewGuid():N}.db");
        await File.WriteAllTextAsync(damaged, "ceci n'est pas une base SQLite", ct);
        try
        {
            await Should.ThrowAsync<Exception>(() => Backup.RestoreSqliteAsync(damaged, app.ConnectionString));
            await Should.ThrowAsync<ArgumentException>(() => Backup.RestoreSqliteAsync(damaged + ".absent", app.ConnectionString));
            var admin = await app.SignedInAsync(app.A, Role.Admin);
            (await admin.GetAsync("/api/sites", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(damaged);
        }
    }
}
