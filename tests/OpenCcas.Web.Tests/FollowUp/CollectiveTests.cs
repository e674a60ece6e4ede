using OpenCcas.Domain.FollowUp;
using static OpenCcas.Web.Tests.FollowUp.PlanTestHelpers;

namespace OpenCcas.Web.Tests.FollowUp;

/// <summary>Collective action sessions: known and anonymous participants, totals, access per role, pages and API.</summary>
public sealed class CollectiveTests(AppFixture app) : IClassFixture<AppFixture>
{
    private Dictionary<string, string?> SessionForm(string topic, string date, int anonymous, int version = 0) => new()
    {
        ["Input.Topic"] = topic, ["Input.Date"] = date, ["Input.Time"] = "14:00", ["Input.DurationMinutes"] = "90",
        ["Input.SiteId"] = app.A.SiteIds[1].ToString(), ["Input.FacilitatorId"] = app.A.UserIds[Role.SocialWorker].ToString(),
        ["Input.AnonymousParticipants"] = anonymous.ToString(), ["Input.Version"] = version.ToString(),
    };

    [Fact]
    public async Task A_session_with_named_and_anonymous_participants_adds_up_in_the_totals()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInAsync(app.A, Role.SocialWorker);
        var created = await PostFormAsync(client, "/actions-collectives/nouvelle", "/actions-collectives/nouvelle", SessionForm("Atelier numérique", "2025-05-20", 4));
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync(ct));
        var page = PathOf(created.Headers.Location)!;
        var id = Guid.Parse(page.Split('/').Last());

        // The picker finds Élodie by the start of her name, accents ignored; Jean (outside the team) is not offered.
        var search = Html(await client.GetStringAsync($"{page}?q=elo", ct));
        search.QuerySelector("[aria-label='Personnes trouvées']")!.TextContent.ShouldContain("MARTIN Élodie");
        Html(await client.GetStringAsync($"{page}?q=jean", ct)).QuerySelector("[aria-label='Personnes trouvées']").ShouldBeNull();
        var elodie = await ElodieAsync(app, app.A);
        var lucas = await PersonAsync(app, app.A, "Martin", "Lucas");
        foreach (var person in new[] { elodie, lucas, elodie })
            (await PostFormAsync(client, page, $"{page}?handler=AddParticipant", new Dictionary<string, string?> { ["personId"] = person.ToString() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // Someone outside the user's reach cannot be added.
        var jean = await OutsideAsync(app, app.A);
        IsDenied(await PostFormAsync(client, page, $"{page}?handler=AddParticipant", new Dictionary<string, string?> { ["personId"] = jean.ToString() })).ShouldBeTrue();

        var second = await PostFormAsync(client, "/actions-collectives/nouvelle", "/actions-collectives/nouvelle", SessionForm("Atelier budget", "2025-06-03", 2));
        var secondPage = PathOf(second.Headers.Location)!;
        (await PostFormAsync(client, secondPage, $"{secondPage}?handler=AddParticipant", new Dictionary<string, string?> { ["personId"] = elodie.ToString() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var participants = await WithDbAsync(app, app.A, db => db.Set<CollectiveParticipant>().Where(p => p.CollectiveSessionId == id).Select(p => p.PersonId).ToListAsync());
        participants.Count.ShouldBe(2);
        participants.ShouldBe([elodie, lucas], ignoreOrder: true);

        // Totals for the period and site: 2 sessions, 2 distinct people, 3 named + 6 anonymous participations.
        var site = app.A.SiteIds[1];
        var list = Html(await client.GetStringAsync($"/actions-collectives?du=2025-05-01&au=2025-06-30&site={site}", ct));
        var totals = list.QuerySelector("#totaux")!.TextContent;
        totals.ShouldContain("2 séances");
        totals.ShouldContain("2 personnes différentes");
        totals.ShouldContain("9 participations");
        totals.ShouldContain("dont 6 non nommées");
        list.QuerySelector("table")!.TextContent.ShouldContain("Atelier numérique");
        var api = await client.GetFromJsonAsync<JsonElement>($"/api/collective-sessions/totals?from=2025-05-01&to=2025-06-30&siteId={site}", ct);
        api.GetProperty("sessions").GetInt32().ShouldBe(2);
        api.GetProperty("distinctPeople").GetInt32().ShouldBe(2);
        api.GetProperty("namedParticipations").GetInt32().ShouldBe(3);
        api.GetProperty("participations").GetInt32().ShouldBe(9);
        // Another site's filter leaves them out.
        (await client.GetFromJsonAsync<JsonElement>($"/api/collective-sessions/totals?from=2025-05-01&to=2025-06-30&siteId={app.A.SiteIds[0]}", ct))
            .GetProperty("sessions").GetInt32().ShouldBe(0);

        // Removing a participant is audited, as adding was.
        (await PostFormAsync(client, page, $"{page}?handler=RemoveParticipant", new Dictionary<string, string?> { ["personId"] = lucas.ToString() })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var audit = await WithDbAsync(app, app.A, db => db.AuditEntries.Where(e => e.EntityType == "CollectiveParticipant").Select(e => e.Action).ToListAsync());
        audit.ShouldContain(Domain.Audit.AuditAction.Create);
        audit.ShouldContain(Domain.Audit.AuditAction.Delete);

        // Editing keeps the version rule: a stale version shows the conflict and saves nothing.
        var version = await WithDbAsync(app, app.A, db => db.Set<CollectiveSession>().Where(s => s.Id == id).Select(s => s.Version).SingleAsync());
        (await PostFormAsync(client, page, page, SessionForm("Atelier numérique (modifié)", "2025-05-20", 5, version))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostFormAsync(client, page, page, SessionForm("Écrasement", "2025-05-20", 5, version))).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await WithDbAsync(app, app.A, db => db.Set<CollectiveSession>().Where(s => s.Id == id).Select(s => s.Topic).SingleAsync())).ShouldBe("Atelier numérique (modifié)");
    }

    [Fact]
    public async Task Bad_input_gets_a_french_message_and_nothing_is_saved()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInAsync(app.A, Role.Manager);
        var before = await WithDbAsync(app, app.A, db => db.Set<CollectiveSession>().CountAsync());
        async Task Refused(Dictionary<string, string?> form, string message)
        {
            var r = await PostFormAsync(client, "/actions-collectives/nouvelle", "/actions-collectives/nouvelle", form);
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await HtmlAsync(r)).QuerySelector(".error-summary")!.TextContent.ShouldContain(message);
        }
        var empty = SessionForm("", "2025-05-20", 0);
        await Refused(empty, "Le thème est obligatoire.");
        var noDate = SessionForm("Atelier", "", 0);
        await Refused(noDate, "La date est obligatoire.");
        var negative = SessionForm("Atelier", "2025-05-20", -2);
        await Refused(negative, "Le nombre de participants anonymes doit être compris entre 0 et 10 000.");
        var stranger = SessionForm("Atelier", "2025-05-20", 0);
        stranger["Input.FacilitatorId"] = app.B.UserIds[Role.SocialWorker].ToString();
        await Refused(stranger, "L'agent choisi n'existe pas dans votre organisation");
        var siteOfB = SessionForm("Atelier", "2025-05-20", 0);
        siteOfB["Input.SiteId"] = app.B.SiteIds[0].ToString();
        await Refused(siteOfB, "Le site choisi n'existe pas dans votre organisation.");
        (await WithDbAsync(app, app.A, db => db.Set<CollectiveSession>().CountAsync())).ShouldBe(before);

        var api = await client.PostAsJsonAsync("/api/collective-sessions", new { topic = "", date = "2025-05-20", time = "14:00", siteId = app.A.SiteIds[0], facilitatorId = app.A.UserIds[Role.Manager] }, ct);
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadAsStringAsync(ct)).ShouldContain("Le thème est obligatoire.");
        (await WithDbAsync(app, app.A, db => db.Set<CollectiveSession>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Desk_and_social_roles_read_the_sessions_only_managers_and_social_workers_change_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var seeded = await WithDbAsync(app, app.A, db => db.Set<CollectiveSession>().Where(s => s.Topic == PlansSeed.SessionTopic).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync());
        var elodie = await ElodieAsync(app, app.A);
        foreach (var role in Enum.GetValues<Role>())
        {
            var client = await app.SignedInAsync(app.A, role);
            var reads = role is Role.Manager or Role.SocialWorker or Role.Instructor or Role.Reception;
            var manages = role is Role.Manager or Role.SocialWorker;
            foreach (var path in new[] { "/actions-collectives", $"/actions-collectives/{seeded}", "/api/collective-sessions", $"/api/collective-sessions/{seeded}" })
            {
                var r = await client.GetAsync(path, ct);
                if (reads) r.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} {path}"); else IsDenied(r).ShouldBeTrue($"{role} {path}");
            }
            var create = await client.GetAsync("/actions-collectives/nouvelle", ct);
            if (manages) create.StatusCode.ShouldBe(HttpStatusCode.OK, role.ToString()); else IsDenied(create).ShouldBeTrue(role.ToString());
            var post = await client.PostAsJsonAsync("/api/collective-sessions",
                new { topic = $"Séance de {role}", date = "2025-03-01", time = "10:00", durationMinutes = 60, siteId = app.A.SiteIds[0], facilitatorId = app.A.UserIds[Role.SocialWorker], anonymousParticipants = 1 }, ct);
            if (manages) post.StatusCode.ShouldBe(HttpStatusCode.Created, role.ToString()); else post.StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            var add = await client.PostAsJsonAsync($"/api/collective-sessions/{seeded}/participants", new { personId = elodie }, ct);
            if (manages) ((int)add.StatusCode).ShouldBeInRange(200, 201, role.ToString()); else add.StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
        }
        // The reception agent sees the session and its named participant (identity part), without the edit form.
        var reception = Html(await (await app.SignedInAsync(app.A, Role.Reception)).GetStringAsync($"/actions-collectives/{seeded}", ct));
        reception.QuerySelector("#participants")!.TextContent.ShouldContain("MARTIN Élodie");
        reception.QuerySelector("main form[method=post]").ShouldBeNull();
        // Through the API, a participant whose file the user may not open is counted, not named.
        var jean = await OutsideAsync(app, app.A);
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        (await manager.PostAsJsonAsync($"/api/collective-sessions/{seeded}/participants", new { personId = jean }, ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var seenBySocial = await (await app.SignedInAsync(app.A, Role.SocialWorker)).GetFromJsonAsync<JsonElement>($"/api/collective-sessions/{seeded}", ct);
        seenBySocial.GetProperty("personIds").EnumerateArray().Select(x => x.GetGuid()).ShouldBe([elodie]);
        seenBySocial.GetProperty("otherParticipants").GetInt32().ShouldBe(1);
        seenBySocial.GetProperty("anonymousParticipants").GetInt32().ShouldBe(3);
        var social = await app.SignedInAsync(app.A, Role.SocialWorker);
        (await social.DeleteAsync($"/api/collective-sessions/{seeded}/participants/{jean}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await manager.DeleteAsync($"/api/collective-sessions/{seeded}/participants/{jean}", ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        // Another organisation's session is absent.
        var ofB = await WithDbAsync(app, app.B, db => db.Set<CollectiveSession>().Select(s => s.Id).FirstAsync());
        (await manager.GetAsync($"/actions-collectives/{ofB}", ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.GetAsync($"/api/collective-sessions/{ofB}", ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
