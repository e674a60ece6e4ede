using OpenCcas.Domain.FollowUp;
using static OpenCcas.Web.Tests.FollowUp.InterviewTestKit;

namespace OpenCcas.Web.Tests.FollowUp;

/// <summary>
/// The note confidentiality matrix of roles-and-access.md, through the note pages, the person's panel and the API:
/// private = author only (not a manager), team = social workers of the file's teams, referent, managers, file = anyone
/// who may open the social part; reception, instructor and volunteer never read a note.
/// </summary>
public sealed class NoteTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<(Guid Private, Guid Team, Guid File)> NotesAsync() =>
        (await SeededNoteAsync(app, app.A, NoteConfidentiality.Private), await SeededNoteAsync(app, app.A, NoteConfidentiality.Team),
         await SeededNoteAsync(app, app.A, NoteConfidentiality.File));

    private async Task<bool> CanReadAsync(HttpClient client, Guid note, string text)
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await client.GetAsync($"/notes/{note}", ct);
        if (IsDenied(response)) return false;
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HtmlAsync(response)).Body!.TextContent.ShouldContain(text);
        return true;
    }

    [Fact]
    public async Task Each_level_is_read_by_exactly_those_the_rules_name()
    {
        var (privateNote, teamNote, fileNote) = await NotesAsync();
        var author = await app.SignedInAsync(app.A, Role.SocialWorker);
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var (_, sameTeam) = await ExtraAgentAsync(app, app.A, "ts-equipe1", Role.SocialWorker, app.A.TeamIds[0]);
        var (_, otherTeam) = await ExtraAgentAsync(app, app.A, "ts-equipe2", Role.SocialWorker, app.A.TeamIds[1]);

        (await CanReadAsync(author, privateNote, InterviewSeed.PrivateText)).ShouldBeTrue("the author reads their private note");
        (await CanReadAsync(manager, privateNote, InterviewSeed.PrivateText)).ShouldBeFalse("not even a manager reads another's private note");
        (await CanReadAsync(sameTeam, privateNote, InterviewSeed.PrivateText)).ShouldBeFalse();

        (await CanReadAsync(author, teamNote, InterviewSeed.TeamText)).ShouldBeTrue();
        (await CanReadAsync(sameTeam, teamNote, InterviewSeed.TeamText)).ShouldBeTrue("a social worker of the file's team");
        (await CanReadAsync(manager, teamNote, InterviewSeed.TeamText)).ShouldBeTrue("a manager");
        (await CanReadAsync(otherTeam, teamNote, InterviewSeed.TeamText)).ShouldBeFalse("a social worker outside the file's teams");

        (await CanReadAsync(sameTeam, fileNote, InterviewSeed.FileText)).ShouldBeTrue();
        (await CanReadAsync(manager, fileNote, InterviewSeed.FileText)).ShouldBeTrue();
        (await CanReadAsync(otherTeam, fileNote, InterviewSeed.FileText)).ShouldBeFalse("outside the teams, the social part cannot be opened");
    }

    [Fact]
    public async Task Reception_instructor_and_volunteer_are_refused_on_every_note_url_and_see_no_list()
    {
        var ct = TestContext.Current.CancellationToken;
        var (privateNote, teamNote, fileNote) = await NotesAsync();
        var elodie = await ElodieAsync(app, app.A);
        foreach (var role in new[] { Role.Reception, Role.Instructor, Role.Volunteer, Role.CommissionMember, Role.StatsReader, Role.Admin })
        {
            var client = await app.SignedInAsync(app.A, role);
            foreach (var note in new[] { privateNote, teamNote, fileNote })
            {
                var response = await client.GetAsync($"/notes/{note}", ct);
                IsDenied(response).ShouldBeTrue($"{role} /notes/{note}");
                (await response.Content.ReadAsStringAsync(ct)).ShouldNotContain("Note ");
                IsDenied(await client.GetAsync($"/notes/{note}/modifier", ct)).ShouldBeTrue($"{role} edit");
                IsDenied(await PostFormAsync(client, $"/notes/{note}?handler=Delete", [])).ShouldBeTrue($"{role} delete");
                (await client.GetAsync($"/api/notes/{note}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            }
            (await client.GetAsync($"/api/notes?personId={elodie}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            IsDenied(await client.GetAsync($"/personnes/{elodie}/entretiens", ct)).ShouldBeTrue(role.ToString());
            IsDenied(await client.GetAsync($"/personnes/{elodie}/notes/nouvelle", ct)).ShouldBeTrue(role.ToString());
            IsDenied(await PostFormAsync(client, $"/personnes/{elodie}/notes/nouvelle", [new("Input.Text", "x"), new("Input.Confidentiality", "File")])).ShouldBeTrue(role.ToString());
        }
        (await QueryAsync(app, app.A, db => db.Set<Note>().CountAsync(n => n.Text == "x"))).ShouldBe(0);
    }

    [Fact]
    public async Task Lists_hold_only_the_readable_notes_and_count_the_others()
    {
        var ct = TestContext.Current.CancellationToken;
        var elodie = await ElodieAsync(app, app.A);
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var panel = (await HtmlAsync(await manager.GetAsync($"/personnes/{elodie}/entretiens", ct))).Body!.TextContent;
        panel.ShouldContain(InterviewSeed.TeamText);
        panel.ShouldContain(InterviewSeed.FileText);
        panel.ShouldNotContain(InterviewSeed.PrivateText);
        panel.ShouldContain("1 autre(s) note(s) confidentielle(s)");

        var author = await app.SignedInAsync(app.A, Role.SocialWorker);
        (await HtmlAsync(await author.GetAsync($"/personnes/{elodie}/entretiens", ct))).Body!.TextContent.ShouldContain(InterviewSeed.PrivateText);

        var api = app.BearerClient((await AppFixture.CreateTokenAsync(manager, Role.Manager)).Secret);
        var list = await api.GetFromJsonAsync<JsonElement>($"/api/notes?personId={elodie}", ct);
        var texts = list.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("text").GetString()).ToList();
        texts.ShouldContain(InterviewSeed.TeamText);
        texts.ShouldNotContain(InterviewSeed.PrivateText);
        list.GetProperty("hidden").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task Only_the_author_writes_edits_and_deletes_and_every_reading_is_audited()
    {
        var ct = TestContext.Current.CancellationToken;
        var elodie = await ElodieAsync(app, app.A);
        var author = await app.SignedInAsync(app.A, Role.SocialWorker);
        var authorId = app.A.UserIds[Role.SocialWorker];

        // Empty text: French message, nothing saved.
        var empty = await PostFormAsync(author, $"/personnes/{elodie}/notes/nouvelle", [new("Input.Text", "  "), new("Input.Confidentiality", "File")]);
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HtmlAsync(empty)).QuerySelector(".error-summary")!.TextContent.ShouldContain("Le texte de la note est obligatoire.");

        var text = "Note de dossier " + Guid.NewGuid().ToString("N")[..6];
        var created = await PostFormAsync(author, $"/personnes/{elodie}/notes/nouvelle", [new("Input.Text", text), new("Input.Confidentiality", "File"), new("Input.Sensitive", "false")]);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync(ct));
        var note = await QueryAsync(app, app.A, db => db.Set<Note>().SingleAsync(n => n.Text == text));
        note.AuthorId.ShouldBe(authorId);

        var reads = (await ReadsOfAsync(app, app.A, elodie, authorId)).Count;
        (await author.GetAsync($"/notes/{note.Id}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var api = app.BearerClient((await AppFixture.CreateTokenAsync(author, Role.SocialWorker)).Secret);
        (await api.GetAsync($"/api/notes/{note.Id}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var audited = await ReadsOfAsync(app, app.A, elodie, authorId);
        audited.Count.ShouldBe(reads + 2);
        audited.ShouldContain(a => a.Details!.StartsWith("Note"));

        // A manager reads this file note but may neither edit nor delete it.
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        (await manager.GetAsync($"/notes/{note.Id}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        IsDenied(await manager.GetAsync($"/notes/{note.Id}/modifier", ct)).ShouldBeTrue();
        IsDenied(await PostFormAsync(manager, $"/notes/{note.Id}?handler=Delete", [])).ShouldBeTrue();
        var managerApi = app.BearerClient((await AppFixture.CreateTokenAsync(manager, Role.Manager)).Secret);
        (await managerApi.PutAsJsonAsync($"/api/notes/{note.Id}", new { text = "réécrite", confidentiality = "File", version = note.Version }, ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await managerApi.DeleteAsync($"/api/notes/{note.Id}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // The author makes it private: the manager loses it.
        var edit = await PostFormAsync(author, $"/notes/{note.Id}/modifier", [new("Input.Text", text + " (modifiée)"), new("Input.Confidentiality", "Private"), new("Input.Version", note.Version.ToString())]);
        edit.StatusCode.ShouldBe(HttpStatusCode.Redirect, await edit.Content.ReadAsStringAsync(ct));
        IsDenied(await manager.GetAsync($"/notes/{note.Id}", ct)).ShouldBeTrue();
        (await managerApi.GetAsync($"/api/notes/{note.Id}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // API: create and delete by the author.
        var posted = await api.PostAsJsonAsync("/api/notes", new { personId = elodie, text = "Par l'API", confidentiality = "Team", sensitive = true }, ct);
        posted.StatusCode.ShouldBe(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync(ct));
        var apiNote = (await posted.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        (await api.PostAsJsonAsync("/api/notes", new { personId = elodie, text = "", confidentiality = "Team" }, ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.DeleteAsync($"/api/notes/{apiNote}", ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostFormAsync(author, $"/notes/{note.Id}?handler=Delete", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await QueryAsync(app, app.A, db => db.Set<Note>().CountAsync(n => n.Id == note.Id || n.Id == apiNote))).ShouldBe(0);
    }
}
