using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Tenancy;
using OpenCcas.Web.People.Search;

namespace OpenCcas.Web.Tests.People;

/// <summary>
/// The search's statements as SQLite plans them. SQLite keeps no statistics unless told to (the application never runs
/// ANALYZE on people), so its plan depends on the statement alone, not on the data: a plan that walks every file or
/// every search term of the organisation here walks them on 200,000 people too (seconds instead of milliseconds, as the
/// typo-skip first written for PostgreSQL did). Each search shape and each kind of access rule is planned with EXPLAIN
/// QUERY PLAN; no step may SCAN the people or their search terms (a SEARCH through an index is what is wanted).
/// PostgreSQL plans by statistics, so a plan on the test's few rows says nothing about a large database: its plans are
/// measured in bench/ instead.
/// </summary>
public sealed partial class SearchPlanTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every command a context sends, with its parameters.</summary>
    private sealed class Commands : DbCommandInterceptor
    {
        public List<(string Sql, List<(string Name, object? Value)> Parameters)> Sent { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Sent.Add((command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    public static TheoryData<string> Queries => new()
    {
        "bernard",          // one word: prefix and one-typo lookups
        "be",               // two letters: prefix only
        "bernadr",          // a typo
        "dupont marie",     // two words, joined
        "12/03/1961",       // a birth date alone
        "marie 12/03/1961", // a word and a date
        "0380112233",       // a number: file number, birth date (ddMMyyyy) and phone lookups
        "42",               // a short number: the file number only
    };

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task On_sqlite_no_search_walks_every_file_or_every_search_term(string q)
    {
        if (!app.IsSqlite) return; // PostgreSQL plans by statistics: measured on a large database in bench/ (see the summary)
        await TestPeople.AddAsync(app, app.A, "Bernard", "Marie", new DateOnly(1961, 3, 12), "03 80 11 22 33");
        var org = app.A;
        // The three shapes the access rule takes: none (manager), the actor's teams or referent (social worker), a site.
        var actors = new Dictionary<string, Actor>
        {
            ["manager"] = new(Guid.NewGuid(), org.Id, [new RoleGrant(Role.Manager)]),
            ["social worker"] = new(Guid.NewGuid(), org.Id, [new RoleGrant(Role.SocialWorker)], [org.TeamIds[0]]),
            ["reception of a site"] = new(Guid.NewGuid(), org.Id, [new RoleGrant(Role.Reception, org.SiteIds[0])]),
        };
        foreach (var (who, actor) in actors)
        {
            var commands = new Commands();
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(app.ConnectionString).AddInterceptors(commands).Options;
            var tenant = new TenantContext();
            tenant.Set(org.Id);
            await using var db = new SqliteAppDbContext(options);
            db.BindTo(tenant, new AuditActor());
            await PeopleSearch.SearchAsync(db, actor, q, ct: Ct);
            commands.Sent.ShouldNotBeEmpty($"« {q} » as {who}");

            await using var connection = new SqliteConnection(app.ConnectionString);
            await connection.OpenAsync(Ct);
            foreach (var (sql, parameters) in commands.Sent)
            {
                // EF names its tables' aliases in the statement: "Person" AS "p", "PersonSearchTerms" AS "p0"…
                var watched = TableAlias().Matches(sql).Where(m => m.Groups[1].Value is nameof(Person) or "PersonSearchTerms")
                    .Select(m => m.Groups[2].Value).ToHashSet();
                await using var explain = connection.CreateCommand();
                explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
                foreach (var (name, value) in parameters) explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
                var steps = new List<string>();
                await using (var reader = await explain.ExecuteReaderAsync(Ct))
                    while (await reader.ReadAsync(Ct)) steps.Add(reader.GetString(3));
                var scans = steps.Select(s => ScanStep().Match(s)).Where(m => m.Success && watched.Contains(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)).ToList();
                scans.ShouldBeEmpty($"« {q} » as {who}: SQLite reads every row of a table of people or search terms.\nPlan:\n  "
                    + string.Join("\n  ", steps) + "\nStatement:\n" + sql);
            }
        }
    }

    [GeneratedRegex("(?:FROM|JOIN) \"(\\w+)\" AS \"(\\w+)\"")]
    private static partial Regex TableAlias();

    // "SCAN p", "SCAN p USING INDEX …" (a walk of the whole index), the older "SCAN TABLE Person AS p", and a SEARCH on the
    // organisation or a site alone ("SEARCH p USING INDEX IX_Person_SiteId (SiteId=?)"): all of their files all the same.
    [GeneratedRegex("""^(?:SCAN (?:TABLE \w+ AS )?(\w+)\b|SEARCH (\w+) USING (?:COVERING )?INDEX \w+ \((?:OrganisationId|SiteId|TeamId)=\?(?: AND (?:OrganisationId|SiteId|TeamId)=\?)*\)$)""")]
    private static partial Regex ScanStep();
}
