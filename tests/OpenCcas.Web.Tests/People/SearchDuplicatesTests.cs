using OpenCcas.Domain.People;
using OpenCcas.Web.People;

namespace OpenCcas.Web.Tests.People;

/// <summary>Likely duplicates at creation: surname with one typo, first name, birth date or missing one, same NIR.</summary>
public sealed class SearchDuplicatesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<List<Guid>> CandidatesAsync(string last, string first, DateOnly? birth, Guid? excluding = null, string? nir = null,
        Role role = Role.Reception)
    {
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actor = new Actor(app.A.UserIds[role], app.A.Id, [new RoleGrant(role)], role == Role.SocialWorker ? [app.A.TeamIds[0]] : []);
        return (await PersonDuplicates.CandidatesAsync(db, actor, last, first, birth, excluding, TestContext.Current.CancellationToken, nir))
            .Select(c => c.Id).ToList();
    }

    [Fact]
    public async Task Same_surname_with_one_typo_same_first_name_and_same_or_missing_birth_date()
    {
        var born = new DateOnly(1972, 8, 15);
        var p = await TestPeople.AddAsync(app, app.A, "Dupuis-Marchal", "Jeanne Marie", born);
        (await CandidatesAsync("Dupuis", "Jeanne", born)).ShouldContain(p.Id);
        (await CandidatesAsync("DUPUIS", "jeanne", null)).ShouldContain(p.Id, "no birth date typed");
        (await CandidatesAsync("Dupui", "Jeanne", born)).ShouldContain(p.Id, "one letter missing");
        (await CandidatesAsync("Marchall", "Jeanne", born)).ShouldContain(p.Id, "one letter more, on the second surname");
        (await CandidatesAsync("Dupius", "Jeanne", born)).ShouldContain(p.Id, "two letters swapped");
        (await CandidatesAsync("Dupuis", "Jeanne", born.AddDays(1))).ShouldNotContain(p.Id, "another birth date");
        (await CandidatesAsync("Dupuis", "Paulette", born)).ShouldNotContain(p.Id, "another first name");
        (await CandidatesAsync("Duponx", "Jeanne", born)).ShouldNotContain(p.Id, "two letters differ");
        (await CandidatesAsync("Dupuis", "Jeanne", born, excluding: p.Id)).ShouldNotContain(p.Id, "the file itself");

        var undated = await TestPeople.AddAsync(app, app.A, "Sansdate", "Roger");
        (await CandidatesAsync("Sansdate", "Roger", born)).ShouldContain(undated.Id, "a file without birth date may be the same person");
    }

    [Fact]
    public async Task Same_nir_is_a_duplicate_whatever_the_name_and_files_outside_reach_are_flagged_not_opened()
    {
        const string nir = "284037512345661";
        var p = await TestPeople.AddAsync(app, app.A, "Autrenom", "Sylvie", team: 1, more: x => x.Nir = nir);
        (await CandidatesAsync("Toutautre", "Nom", null, nir: "2 84 03 75 123 456 61")).ShouldContain(p.Id);
        (await CandidatesAsync("Toutautre", "Nom", null)).ShouldNotContain(p.Id);

        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var worker = new Actor(app.A.UserIds[Role.SocialWorker], app.A.Id, [new RoleGrant(Role.SocialWorker)], [app.A.TeamIds[0]]);
        var found = await PersonDuplicates.CandidatesAsync(db, worker, "Autrenom", "Sylvie", null, ct: TestContext.Current.CancellationToken);
        found.ShouldHaveSingleItem().CanOpen.ShouldBeFalse("team 2's file: the social worker is told it exists, not what is in it");
    }

    [Fact]
    public async Task Anonymised_and_merged_files_are_not_duplicates()
    {
        var p = await TestPeople.AddAsync(app, app.A, "Disparue", "Mireille", more: x => x.Status = PersonStatus.Anonymised);
        var merged = await TestPeople.AddAsync(app, app.A, "Disparue", "Mireille", more: x => x.MergedIntoId = p.Id);
        var found = await CandidatesAsync("Disparue", "Mireille", null);
        found.ShouldNotContain(p.Id);
        found.ShouldNotContain(merged.Id);
    }
}
