using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using static OpenCcas.Web.Tests.FollowUp.InterviewTestKit;

namespace OpenCcas.Web.Tests.FollowUp;

/// <summary>Interviews through the pages and the API: one post saving note, actions and referral; bad input; who may.</summary>
public sealed class InterviewTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static string Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime).ToString("yyyy-MM-dd");

    private async Task<Guid> PartnerAsync() =>
        await QueryAsync(app, app.A, db => db.Set<Partner>().Where(p => p.Name == InterviewSeed.PartnerName).Select(p => p.Id).SingleAsync());

    private List<KeyValuePair<string, string>> Form(string date, string duration, string? mode, string summary) =>
    [
        new("Input.Date", date), new("Input.Time", "10:15"), new("Input.DurationMinutes", duration),
        .. (mode is null ? Array.Empty<KeyValuePair<string, string>>() : [new("Input.Mode", mode)]),
        new("Input.AgentId", app.A.UserIds[Role.SocialWorker].ToString()), new("Input.SiteId", app.A.SiteIds[0].ToString()),
        new("Input.TeamId", app.A.TeamIds[0].ToString()), new("Input.Subjects", "Budget"), new("Input.Subjects", "Health"),
        new("Input.Summary", summary),
    ];

    [Fact]
    public async Task A_social_worker_saves_an_interview_with_its_note_actions_and_referral_in_one_post()
    {
        var ct = TestContext.Current.CancellationToken;
        var elodie = await ElodieAsync(app, app.A);
        var client = await app.SignedInAsync(app.A, Role.SocialWorker);
        (await client.GetAsync($"/personnes/{elodie}/entretiens/nouveau", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var summary = "Entretien complet " + Guid.NewGuid().ToString("N")[..6];
        var fields = Form(Today, "40", "Home", summary);
        fields.AddRange([
            new("Input.Note.Text", "Note privée écrite pendant l'entretien " + summary), new("Input.Note.Confidentiality", "Private"), new("Input.Note.Sensitive", "false"),
            new("Input.Actions[0].Title", "Envoyer le dossier FSL"), new("Input.Actions[0].DueOn", DateTime.Today.AddDays(10).ToString("yyyy-MM-dd")),
            new("Input.Actions[1].Title", "Rappeler la personne"), new("Input.Actions[1].AssigneeId", app.A.UserIds[Role.Manager].ToString()),
            new("Input.Actions[2].Title", ""),
            new("Input.Referral.PartnerId", (await PartnerAsync()).ToString()), new("Input.Referral.Reason", "Demande d'APL"),
        ]);
        var response = await PostFormAsync(client, $"/personnes/{elodie}/entretiens/nouveau", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync(ct));
        var location = response.Headers.Location!.OriginalString;
        location.ShouldStartWith("/entretiens/");
        var id = Guid.Parse(location["/entretiens/".Length..]);

        var saved = await QueryAsync(app, app.A, async db => new
        {
            Interview = await db.Set<Interview>().SingleAsync(i => i.Id == id),
            Notes = await db.Set<Note>().Where(n => n.InterviewId == id).ToListAsync(),
            Actions = await db.Set<FollowUpAction>().Where(a => a.InterviewId == id).OrderBy(a => a.Title).ToListAsync(),
            Referrals = await db.Set<Referral>().Where(r => r.InterviewId == id).ToListAsync(),
        });
        saved.Interview.Mode.ShouldBe(InterviewMode.Home);
        saved.Interview.DurationMinutes.ShouldBe(40);
        saved.Interview.Subjects.ShouldBe(InterviewSubjects.Budget | InterviewSubjects.Health);
        saved.Interview.PersonId.ShouldBe(elodie);
        saved.Notes.ShouldHaveSingleItem().Confidentiality.ShouldBe(NoteConfidentiality.Private);
        saved.Notes[0].AuthorId.ShouldBe(app.A.UserIds[Role.SocialWorker]);
        saved.Actions.Count.ShouldBe(2);
        saved.Actions.Single(a => a.Title == "Rappeler la personne").AssigneeId.ShouldBe(app.A.UserIds[Role.Manager]);
        saved.Actions.Single(a => a.Title == "Envoyer le dossier FSL").AssigneeId.ShouldBe(app.A.UserIds[Role.SocialWorker]);
        saved.Referrals.ShouldHaveSingleItem().Reason.ShouldBe("Demande d'APL");

        // The interview page shows it, with its private note to its author; the reading is audited.
        var before = (await ReadsOfAsync(app, app.A, elodie, app.A.UserIds[Role.SocialWorker])).Count;
        var page = await client.GetAsync(location, ct);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = (await HtmlAsync(page)).Body!.TextContent;
        html.ShouldContain(summary);
        html.ShouldContain("Note privée écrite pendant l'entretien");
        html.ShouldContain("Visite à domicile");
        (await ReadsOfAsync(app, app.A, elodie, app.A.UserIds[Role.SocialWorker])).Count.ShouldBe(before + 1);

        // The manager opens the interview but not its private note.
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var managerHtml = (await HtmlAsync(await manager.GetAsync(location, ct))).Body!.TextContent;
        managerHtml.ShouldContain(summary);
        managerHtml.ShouldNotContain("Note privée écrite pendant l'entretien");
        managerHtml.ShouldContain("1 autre(s) note(s) confidentielle(s)");
    }

    public static TheoryData<string, string, string?, string> BadInputs() => new()
    {
        { "future", "30", "Office", "La date de l'entretien ne peut pas être dans le futur." },
        { "today", "0", "Office", "La durée doit être comprise entre 1 et 480 minutes." },
        { "today", "481", "Phone", "La durée doit être comprise entre 1 et 480 minutes." },
        { "today", "30", null, "Choisissez le mode de l'entretien." },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_french_message_and_nothing_is_saved(string date, string duration, string? mode, string message)
    {
        var ct = TestContext.Current.CancellationToken;
        var elodie = await ElodieAsync(app, app.A);
        var client = await app.SignedInAsync(app.A, Role.SocialWorker);
        var marker = "Ne doit pas être enregistré " + Guid.NewGuid().ToString("N")[..6];
        var fields = Form(date == "future" ? DateTime.Today.AddDays(3).ToString("yyyy-MM-dd") : Today, duration, mode, marker);
        fields.AddRange([new("Input.Note.Text", marker), new("Input.Note.Confidentiality", "Team"), new("Input.Actions[0].Title", marker)]);
        var response = await PostFormAsync(client, $"/personnes/{elodie}/entretiens/nouveau", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await HtmlAsync(response);
        doc.QuerySelector(".error-summary")!.TextContent.ShouldContain(message);
        (await QueryAsync(app, app.A, async db => await db.Set<Interview>().CountAsync(i => i.Summary == marker)
            + await db.Set<Note>().CountAsync(n => n.Text == marker) + await db.Set<FollowUpAction>().CountAsync(a => a.Title == marker))).ShouldBe(0);

        // The API says the same.
        var api = app.BearerClient((await AppFixture.CreateTokenAsync(client, Role.SocialWorker)).Secret);
        var apiResponse = await api.PostAsJsonAsync("/api/interviews", new
        {
            personId = elodie, date = date == "future" ? DateTime.Today.AddDays(3).ToString("yyyy-MM-dd") : Today, time = "10:00",
            durationMinutes = int.Parse(duration), mode, summary = marker,
        }, ct);
        apiResponse.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await apiResponse.Content.ReadFromJsonAsync<JsonElement>(ct);
        problem.GetProperty("errors").EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(v => v.GetString())).ShouldContain(message);
    }

    [Fact]
    public async Task Reception_instructor_and_volunteer_are_refused_and_a_file_outside_the_teams_too()
    {
        var ct = TestContext.Current.CancellationToken;
        var elodie = await ElodieAsync(app, app.A);
        var interview = await QueryAsync(app, app.A, db => db.Set<Interview>().Where(i => i.PersonId == elodie).Select(i => i.Id).FirstAsync());
        foreach (var role in new[] { Role.Reception, Role.Instructor, Role.Volunteer, Role.CommissionMember, Role.StatsReader, Role.Admin })
        {
            var client = await app.SignedInAsync(app.A, role);
            foreach (var url in new[] { $"/personnes/{elodie}/entretiens/nouveau", $"/personnes/{elodie}/entretiens", $"/entretiens/{interview}", $"/entretiens/{interview}/modifier" })
                IsDenied(await client.GetAsync(url, ct)).ShouldBeTrue($"{role} GET {url}");
            IsDenied(await PostFormAsync(client, $"/personnes/{elodie}/entretiens/nouveau", Form(Today, "30", "Office", "x"))).ShouldBeTrue($"{role} POST");
            (await client.GetAsync($"/api/interviews/{interview}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            (await client.GetAsync($"/api/interviews?personId={elodie}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
        }
        var worker = await app.SignedInAsync(app.A, Role.SocialWorker);
        var outside = await OutsideAsync(app, app.A);
        IsDenied(await worker.GetAsync($"/personnes/{outside}/entretiens/nouveau", ct)).ShouldBeTrue();
        (await worker.GetAsync($"/api/interviews?personId={outside}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await app.SignedInAsync(app.A, Role.Manager)).GetAsync($"/personnes/{outside}/entretiens/nouveau", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Api_creates_reads_changes_and_deletes_an_interview()
    {
        var ct = TestContext.Current.CancellationToken;
        var elodie = await ElodieAsync(app, app.A);
        var worker = await app.SignedInAsync(app.A, Role.SocialWorker);
        var api = app.BearerClient((await AppFixture.CreateTokenAsync(worker, Role.SocialWorker)).Secret);
        var created = await api.PostAsJsonAsync("/api/interviews", new
        {
            personId = elodie, date = Today, time = "09:00", durationMinutes = 20, mode = "Phone", subjects = new[] { "Rights", "Digital" },
            summary = "Par l'API", note = new { text = "Note d'équipe par l'API", confidentiality = "Team" },
            actions = new[] { new { title = "Action par l'API", dueOn = DateTime.Today.AddDays(2).ToString("yyyy-MM-dd") } },
            referral = new { partnerId = await PartnerAsync(), reason = "API" },
        }, ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        var id = body.GetProperty("interview").GetProperty("id").GetGuid();
        body.GetProperty("noteId").GetGuid().ShouldNotBe(Guid.Empty);
        body.GetProperty("actionIds").GetArrayLength().ShouldBe(1);
        body.GetProperty("interview").GetProperty("agentId").GetGuid().ShouldBe(app.A.UserIds[Role.SocialWorker]);

        var one = await api.GetFromJsonAsync<JsonElement>($"/api/interviews/{id}", ct);
        one.GetProperty("modeLabel").GetString().ShouldBe("Téléphone");
        (await api.GetFromJsonAsync<JsonElement>($"/api/interviews?personId={elodie}", ct)).EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ShouldContain(id);

        var put = await api.PutAsJsonAsync($"/api/interviews/{id}", new
        {
            personId = elodie, date = Today, time = "09:30", durationMinutes = 25, mode = "Video", agentId = app.A.UserIds[Role.SocialWorker],
            siteId = app.A.SiteIds[0], summary = "Modifié", version = one.GetProperty("version").GetInt32(),
        }, ct);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync(ct));
        (await put.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("mode").GetString().ShouldBe("Video");
        var stale = await api.PutAsJsonAsync($"/api/interviews/{id}", new
        {
            personId = elodie, date = Today, time = "09:30", durationMinutes = 25, mode = "Video", agentId = app.A.UserIds[Role.SocialWorker],
            siteId = app.A.SiteIds[0], version = one.GetProperty("version").GetInt32(),
        }, ct);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // An instructor token is refused; the delete keeps the note on the file.
        var instructor = app.BearerClient((await AppFixture.CreateTokenAsync(await app.SignedInAsync(app.A, Role.Instructor), Role.Instructor)).Secret);
        (await instructor.DeleteAsync($"/api/interviews/{id}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.DeleteAsync($"/api/interviews/{id}", ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await api.GetAsync($"/api/interviews/{id}", ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var noteId = body.GetProperty("noteId").GetGuid();
        (await QueryAsync(app, app.A, db => db.Set<Note>().SingleAsync(n => n.Id == noteId))).InterviewId.ShouldBeNull();
    }

    [Fact]
    public async Task Only_the_agent_or_a_manager_edits_or_deletes_an_interview()
    {
        var ct = TestContext.Current.CancellationToken;
        var elodie = await ElodieAsync(app, app.A);
        var (_, colleague) = await ExtraAgentAsync(app, app.A, "collegue-equipe1", Role.SocialWorker, app.A.TeamIds[0]);
        var interview = await QueryAsync(app, app.A, db => db.Set<Interview>().Where(i => i.PersonId == elodie && i.AgentId == app.A.UserIds[Role.SocialWorker]).Select(i => i.Id).FirstAsync());
        (await colleague.GetAsync($"/entretiens/{interview}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        IsDenied(await colleague.GetAsync($"/entretiens/{interview}/modifier", ct)).ShouldBeTrue();
        IsDenied(await PostFormAsync(colleague, $"/entretiens/{interview}?handler=Delete", [])).ShouldBeTrue();
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        (await manager.GetAsync($"/entretiens/{interview}/modifier", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var edit = await PostFormAsync(manager, $"/entretiens/{interview}/modifier",
            [.. Form(Today, "50", "Office", "Corrigé par la direction"), new("Input.Version", (await QueryAsync(app, app.A, db => db.Set<Interview>().Where(i => i.Id == interview).Select(i => i.Version).SingleAsync())).ToString())]);
        edit.StatusCode.ShouldBe(HttpStatusCode.Redirect, await edit.Content.ReadAsStringAsync(ct));
        (await QueryAsync(app, app.A, db => db.Set<Interview>().SingleAsync(i => i.Id == interview))).DurationMinutes.ShouldBe(50);
    }
}
