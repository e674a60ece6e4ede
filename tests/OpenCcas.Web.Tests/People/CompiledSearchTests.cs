using OpenCcas.Domain.People;
using OpenCcas.Web.People;
using OpenCcas.Web.People.Search;

namespace OpenCcas.Web.Tests.People;

/// <summary>
/// The compiled search statements (<see cref="CompiledSearches"/>) answer exactly what the same statements answer
/// through EF's ordinary path, for every shape and for different values of one shape in a row (a value compiled into
/// the statement instead of a parameter would answer the first search's people again), in each organisation, for a
/// manager and for social workers of different teams (their id and teams are parameters too).
/// </summary>
public sealed class CompiledSearchTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Compiled_statements_answer_what_the_ordinary_ones_answer_for_each_value_organisation_and_reach()
    {
        var referent = new Dictionary<Guid, Guid>();
        foreach (var org in new[] { app.A, app.B })
        {
            referent[org.Id] = org.UserIds[Role.SocialWorker];
            await TestPeople.AddAsync(app, org, "Compilard", "Mireille", new DateOnly(1950, 2, 3), "04 11 22 33 44");
            await TestPeople.AddAsync(app, org, "Compilet", "Jules", new DateOnly(1950, 2, 3), "04 11 22 55 66", team: 1);
            await TestPeople.AddAsync(app, org, "Compilou", "Jules", new DateOnly(1950, 2, 3), "04 11 22 77 88", team: 1,
                more: p => p.ReferentId = referent[org.Id]);
            await TestPeople.AddAsync(app, org, "Zyzzyva", "Jules", new DateOnly(1971, 12, 30), "09 99 99 99 99");
        }
        string[] queries =
        [
            "compil", "compilard", "compilart", "jules", "mireille", "zyzzyva", "zz", "comp jul", "compilet jules", "jules compilard mireille",
            "03/02/1950", "30/12/1971", "jules 03/02/1950", "compil 03/02/1950 30/12/1971", "0411223344", "04112", "0999", "999999",
            "03021950", "1", "5001", "zyzzyva jules",
        ];
        var compared = 0;
        foreach (var org in new[] { app.A, app.B })
        {
            using var scope = app.ScopeFor(org.Id);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Actor[] actors =
            [
                new(Guid.NewGuid(), org.Id, [new RoleGrant(Role.Manager)]),
                new(Guid.NewGuid(), org.Id, [new RoleGrant(Role.SocialWorker)], [org.TeamIds[0]]),
                new(referent[org.Id], org.Id, [new RoleGrant(Role.SocialWorker)], [org.TeamIds[0]]),
                new(Guid.NewGuid(), org.Id, [new RoleGrant(Role.SocialWorker), new RoleGrant(Role.StatsReader)], [org.TeamIds[1]]),
            ];
            foreach (var actor in actors)
            {
                CompiledSearches.Serves(actor).ShouldBeTrue();
                var people = PersonFiles.Openable(db, actor, FilePart.Identity).AsNoTracking().Where(p => p.Status != PersonStatus.Anonymised);
                foreach (var q in queries)
                {
                    var query = SearchQuery.Parse(q);
                    List<PeopleSearch.Row> compiled, ordinary;
                    if (query.Digits is { } digits)
                    {
                        var n = PeopleSearch.NumberValues.Of(digits, query.Dates);
                        compiled = await CompiledSearches.RunAsync(db, actor, n, 20, Ct);
                        ordinary = PeopleSearch.ByNumber(db, people, n, 20) is { } byNumber ? await byNumber.ToListAsync(Ct) : [];
                    }
                    else
                    {
                        var words = query.Words.Select(PeopleSearch.WordValues.Of).ToList();
                        var days = query.Dates.Select(d => new PeopleSearch.DayValue { Day = d }).ToList();
                        CompiledSearches.Fits(words, days).ShouldBeTrue(q);
                        compiled = await CompiledSearches.RunAsync(db, actor, words, days, 40, Ct);
                        ordinary = await PeopleSearch.Named(db, people, words, days, 40, AccessRules.OpensEveryFile(actor, FilePart.Identity)).ToListAsync(Ct);
                        // Ranked from the index (a manager) or file by file (the others): the same rows.
                        (await PeopleSearch.Named(db, people, words, days, 40, everyFile: false).ToListAsync(Ct)).ShouldBe(ordinary, $"« {q} » file by file");
                    }
                    compiled.ShouldBe(ordinary, $"« {q} » in {org.Id} as {string.Join("+", actor.Grants)} of {actor.UserId}");
                    compared += compiled.Count;
                }
            }
            // Each actor found what their reach allows: the manager every « compil » file, the first social worker only
            // team 0's, the referent also the file they follow in team 1, the last one team 1's only.
            async Task<int> Found(Actor a) => (await CompiledSearches.RunAsync(db, a, [PeopleSearch.WordValues.Of("compil")], [], 40, Ct)).Count;
            (await Found(actors[0])).ShouldBe(3);
            (await Found(actors[1])).ShouldBe(1);
            (await Found(actors[2])).ShouldBe(2);
            (await Found(actors[3])).ShouldBe(2);
        }
        compared.ShouldBeGreaterThan(50);
    }

    [Fact]
    public async Task Agents_limited_to_a_site_each_find_their_own_sites_files_whoever_searched_first()
    {
        // A site's id in the access rule would be compiled into the statement of the first agent who searched: such
        // agents must not share a compiled statement.
        var atFirst = await TestPeople.AddAsync(app, app.A, "Sitelard", "Anne", team: 0);
        var atSecond = await TestPeople.AddAsync(app, app.A, "Sitelou", "Anne", team: 1);
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var first = new Actor(Guid.NewGuid(), app.A.Id, [new RoleGrant(Role.Reception, app.A.SiteIds[0])]);
        var second = new Actor(Guid.NewGuid(), app.A.Id, [new RoleGrant(Role.Reception, app.A.SiteIds[1])]);
        foreach (var q in new[] { "sitel", "sitel anne" })
        foreach (var (actor, own) in new[] { (first, atFirst), (second, atSecond), (first, atFirst) })
            (await PeopleSearch.SearchAsync(db, actor, q, ct: Ct)).Select(h => h.Id).ShouldBe([own.Id], q);
    }
}
