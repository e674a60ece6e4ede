using AngleSharp.Html.Parser;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.People.Search;

namespace OpenCcas.Web.Tests.People;

/// <summary>Merging a duplicate into the file kept: the whole history moves in one transaction, audited; managers only.</summary>
public sealed class MergeTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Pair(Person Kept, Person Dup, Guid KeptHousehold, Guid DupHousehold, Guid SharedSession, Guid OtherSession);

    /// <summary>Two files of the same person, each with history; some links on both (team 1, a collective session, a household).</summary>
    private async Task<Pair> PairAsync(string name)
    {
        var kept = await TestPeople.AddAsync(app, app.A, name, "Clémence", new DateOnly(1980, 1, 1));
        var dup = await TestPeople.AddAsync(app, app.A, name, "Clemence", null, "06 55 44 33 22", more: x =>
        {
            x.Nir = "280017512345693";
            x.CafNumber = "1234567";
            x.Housing = HousingSituation.SocialTenant;
            x.Teams.Add(new PersonTeam { TeamId = app.A.TeamIds[1] });
        });
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var agent = app.A.UserIds[Role.SocialWorker];
        var site = app.A.SiteIds[0];
        var keptHousehold = new Household { Name = "Foyer conservé " + name };
        keptHousehold.Members.Add(new HouseholdMember { PersonId = kept.Id, Role = HouseholdRole.ReferencePerson, JoinedOn = new DateOnly(2023, 1, 1) });
        var dupHousehold = new Household { Name = "Foyer doublon " + name };
        dupHousehold.Members.Add(new HouseholdMember { PersonId = dup.Id, Role = HouseholdRole.ReferencePerson, JoinedOn = new DateOnly(2024, 1, 1) });
        db.AddRange(keptHousehold, dupHousehold);
        db.Add(new Appointment { PersonId = dup.Id, SiteId = site, AgentId = agent, Start = DateTimeOffset.UtcNow.AddDays(3), End = DateTimeOffset.UtcNow.AddDays(3).AddHours(1) });
        db.Add(new Appointment { PersonId = kept.Id, SiteId = site, AgentId = agent, Start = DateTimeOffset.UtcNow.AddDays(4), End = DateTimeOffset.UtcNow.AddDays(4).AddHours(1) });
        db.Add(new Interview { PersonId = dup.Id, SiteId = site, AgentId = agent, At = DateTimeOffset.UtcNow.AddDays(-10), DurationMinutes = 45, Mode = InterviewMode.Home });
        db.Add(new Note { PersonId = dup.Id, AuthorId = agent, Confidentiality = NoteConfidentiality.Private, Text = "Note privée du doublon" });
        db.Add(new ReceptionVisit { PersonId = dup.Id, SiteId = site, Channel = ContactChannel.Phone });
        db.Add(new PersonIncome { PersonId = dup.Id, Kind = IncomeKind.Rsa, MonthlyAmount = 600m });
        var shared = new CollectiveSession { Topic = "Atelier budget " + name, SiteId = site, FacilitatorId = agent, At = DateTimeOffset.UtcNow };
        shared.Participants.Add(new CollectiveParticipant { PersonId = kept.Id });
        shared.Participants.Add(new CollectiveParticipant { PersonId = dup.Id });
        var other = new CollectiveSession { Topic = "Atelier numérique " + name, SiteId = site, FacilitatorId = agent, At = DateTimeOffset.UtcNow };
        other.Participants.Add(new CollectiveParticipant { PersonId = dup.Id });
        db.AddRange(shared, other);
        await db.SaveChangesAsync(Ct);
        return new Pair(kept, dup, keptHousehold.Id, dupHousehold.Id, shared.Id, other.Id);
    }

    private async Task<HttpResponseMessage> MergeAsync(Role role, Guid kept, Guid dup) =>
        await (await app.SignedInAsync(app.A, role)).PostAsJsonAsync($"/api/people/{kept}/merge", new { duplicateId = dup }, Ct);

    [Fact]
    public async Task A_manager_merges_the_whole_history_into_the_file_kept_in_one_audited_operation()
    {
        var pair = await PairAsync("Fusionnelle");
        var response = await MergeAsync(Role.Manager, pair.Kept.Id, pair.Dup.Id);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("keptId").GetGuid().ShouldBe(pair.Kept.Id);

        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Guid k = pair.Kept.Id, d = pair.Dup.Id;
        (await db.Set<Appointment>().CountAsync(a => a.PersonId == k, Ct)).ShouldBe(2);
        (await db.Set<Appointment>().CountAsync(a => a.PersonId == d, Ct)).ShouldBe(0);
        (await db.Set<Interview>().CountAsync(a => a.PersonId == k, Ct)).ShouldBe(1);
        (await db.Set<Note>().CountAsync(a => a.PersonId == k, Ct)).ShouldBe(1);
        (await db.Set<ReceptionVisit>().CountAsync(a => a.PersonId == k, Ct)).ShouldBe(1);
        (await db.Set<PersonIncome>().CountAsync(a => a.PersonId == k, Ct)).ShouldBe(1);

        // Teams: team 1 once (both had it), team 2 from the duplicate.
        (await db.Set<PersonTeam>().Where(t => t.PersonId == k).Select(t => t.TeamId).ToListAsync(Ct))
            .ShouldBe([app.A.TeamIds[0], app.A.TeamIds[1]], ignoreOrder: true);
        (await db.Set<PersonTeam>().CountAsync(t => t.PersonId == d, Ct)).ShouldBe(0);
        // Collective sessions: the shared one counted once, the other moved.
        (await db.Set<CollectiveParticipant>().CountAsync(p => p.PersonId == k && p.CollectiveSessionId == pair.SharedSession, Ct)).ShouldBe(1);
        (await db.Set<CollectiveParticipant>().CountAsync(p => p.PersonId == k && p.CollectiveSessionId == pair.OtherSession, Ct)).ShouldBe(1);
        // Households: the kept file's current membership stays, the duplicate's is moved and closed.
        var memberships = await db.Set<HouseholdMember>().Where(m => m.PersonId == k).ToListAsync(Ct);
        memberships.Count.ShouldBe(2);
        memberships.Single(m => m.HouseholdId == pair.KeptHousehold).LeftOn.ShouldBeNull();
        memberships.Single(m => m.HouseholdId == pair.DupHousehold).LeftOn.ShouldNotBeNull();
        (await db.Set<HouseholdMember>().CountAsync(m => m.PersonId == d, Ct)).ShouldBe(0);

        // Fields the kept file lacked come from the duplicate; the duplicate is inactive and points to the kept file.
        var kept = await db.Set<Person>().SingleAsync(p => p.Id == k, Ct);
        kept.Nir.ShouldBe("280017512345693");
        kept.CafNumber.ShouldBe("1234567");
        kept.Phone.ShouldBe("06 55 44 33 22");
        kept.Housing.ShouldBe(HousingSituation.SocialTenant);
        kept.BirthDate.ShouldBe(new DateOnly(1980, 1, 1));
        var dup = await db.Set<Person>().SingleAsync(p => p.Id == d, Ct);
        dup.Status.ShouldBe(PersonStatus.Inactive);
        dup.MergedIntoId.ShouldBe(k);
        (await db.Set<PersonSearchTerm>().CountAsync(t => t.PersonId == d, Ct)).ShouldBe(0);
        (await db.Set<PersonSearchTerm>().AnyAsync(t => t.PersonId == k && t.Kind == SearchTermKind.Phone, Ct)).ShouldBeTrue();

        // Audited: the merge itself, and each move.
        var audit = await db.AuditEntries.Where(a => a.EntityType == "Person" && a.EntityId == k.ToString() && a.Details!.StartsWith("Fusion :")).ToListAsync(Ct);
        audit.ShouldHaveSingleItem().Details!.ShouldContain($"dossier n° {pair.Dup.FileNumber}");
        (await db.AuditEntries.CountAsync(a => a.EntityType == "Appointment" && a.Action == AuditAction.Update && a.Details!.Contains(k.ToString()), Ct)).ShouldBe(1);

        // Search finds the kept file only.
        var hits = await (await app.SignedInAsync(app.A, Role.Manager)).GetFromJsonAsync<List<JsonElement>>("/api/people/search?q=fusionnelle", Ct);
        hits!.Select(h => h.GetProperty("id").GetGuid()).ShouldBe([k]);

        // Merging again is refused with a French message.
        var again = await MergeAsync(Role.Manager, k, d);
        again.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await again.Content.ReadAsStringAsync(Ct)).ShouldContain("déjà été fusionné");
    }

    [Theory]
    [InlineData(Role.SocialWorker)]
    [InlineData(Role.Instructor)]
    [InlineData(Role.Reception)]
    [InlineData(Role.Admin)]
    [InlineData(Role.StatsReader)]
    [InlineData(Role.Volunteer)]
    public async Task Everyone_but_managers_is_refused_and_nothing_moves(Role role)
    {
        var pair = await PairAsync("Refusee" + role);
        (await MergeAsync(role, pair.Kept.Id, pair.Dup.Id)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var client = await app.SignedInAsync(app.A, role);
        var page = await client.GetAsync($"/personnes/{pair.Kept.Id}/fusionner?avec={pair.Dup.Id}", Ct);
        (page.StatusCode == HttpStatusCode.Forbidden || TestPeople.IsAccessDenied(page.Headers.Location))
            .ShouldBeTrue($"{role}: {(int)page.StatusCode}");
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.Set<Appointment>().CountAsync(a => a.PersonId == pair.Dup.Id, Ct)).ShouldBe(1);
        (await db.Set<Person>().SingleAsync(p => p.Id == pair.Dup.Id, Ct)).MergedIntoId.ShouldBeNull();
    }

    [Fact]
    public async Task Bad_requests_are_refused_in_french_and_another_organisations_file_is_not_found()
    {
        var pair = await PairAsync("Invalide");
        var self = await MergeAsync(Role.Manager, pair.Kept.Id, pair.Kept.Id);
        self.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await self.Content.ReadAsStringAsync(Ct)).ShouldContain("avec lui-même");
        var empty = await MergeAsync(Role.Manager, pair.Kept.Id, Guid.Empty);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync(Ct)).ShouldContain("Indiquez le dossier en double");

        Guid ofB;
        using (var scope = app.ScopeFor(app.B.Id))
            ofB = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Person>().Select(p => p.Id).FirstAsync(Ct);
        (await MergeAsync(Role.Manager, pair.Kept.Id, ofB)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await MergeAsync(Role.Manager, ofB, pair.Dup.Id)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.SignedInAsync(app.A, Role.Manager)).GetAsync($"/personnes/{ofB}/fusionner", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.SignedInAsync(app.A, Role.Manager)).GetAsync($"/personnes/{pair.Kept.Id}/fusionner?avec={ofB}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_page_proposes_the_duplicate_compares_both_and_merges_into_the_file_chosen()
    {
        var pair = await PairAsync("Pagefusion");
        var client = await app.SignedInAsync(app.A, Role.Manager);
        var start = await client.GetStringAsync($"/personnes/{pair.Kept.Id}/fusionner", Ct);
        start.ShouldContain($"/personnes/{pair.Kept.Id}/fusionner?avec={pair.Dup.Id}", customMessage: "the likely duplicate is proposed");
        var search = await client.GetStringAsync($"/personnes/{pair.Kept.Id}/fusionner?q={pair.Dup.FileNumber}", Ct);
        search.ShouldContain($"avec={pair.Dup.Id}");

        var compare = await client.GetStringAsync($"/personnes/{pair.Kept.Id}/fusionner?avec={pair.Dup.Id}", Ct);
        compare.ShouldContain("280017512345693");
        var doc = new HtmlParser().ParseDocument(compare);
        doc.QuerySelectorAll("input[name=conserve]").Length.ShouldBe(2);

        // Keep the other file this time: the page's own file becomes the duplicate.
        var token = doc.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var post = await client.PostAsync($"/personnes/{pair.Kept.Id}/fusionner", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["avec"] = pair.Dup.Id.ToString(), ["conserve"] = pair.Dup.Id.ToString(), ["__RequestVerificationToken"] = token,
        }), Ct);
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        post.Headers.Location!.OriginalString.ShouldBe($"/personnes/{pair.Dup.Id}");

        var merged = await client.GetStringAsync($"/personnes/{pair.Kept.Id}/fusionner", Ct);
        merged.ShouldContain("Ce dossier a été fusionné dans le");
        merged.ShouldContain($"href=\"/personnes/{pair.Dup.Id}\"");
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.Set<Appointment>().CountAsync(a => a.PersonId == pair.Dup.Id, Ct)).ShouldBe(2);
        (await db.Set<Person>().SingleAsync(p => p.Id == pair.Kept.Id, Ct)).MergedIntoId.ShouldBe(pair.Dup.Id);
    }

    [Fact]
    public async Task Every_entity_with_a_person_reference_is_covered_by_the_merge()
    {
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var covered = OpenCcas.Web.People.Merge.PersonMerge.References(db.Model).Select(r => r.Type.ClrType.Name).ToList();
        foreach (var name in new[] { "Appointment", "Interview", "Note", "FollowUpAction", "Referral", "ActionPlan", "CollectiveParticipant",
                     "OnlineProcedure", "ReceptionVisit", "PersonTeam", "PersonIncome", "PersonCharge", "PersonConsent", "PersonDocument", "HouseholdMember" })
            covered.ShouldContain(name);
        covered.ShouldNotContain("PersonSearchTerm");
    }
}
