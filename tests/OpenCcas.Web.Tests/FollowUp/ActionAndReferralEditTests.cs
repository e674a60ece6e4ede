using OpenCcas.Domain.Audit;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using static OpenCcas.Web.Tests.FollowUp.InterviewTestKit;

namespace OpenCcas.Web.Tests.FollowUp;

/// <summary>
/// Changing a follow-up action from "Mes actions" or the person's file (title, due date, assignee, state; a save over a
/// newer version shows both), and deleting a referral after a confirmation (its author or a manager) — pages and API.
/// </summary>
public sealed class ActionAndReferralEditTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> NewActionAsync(HttpClient client, Guid person, string title, Guid assignee, string? due = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("Input.Title", title), new("Input.AssigneeId", assignee.ToString()) };
        if (due is not null) fields.Add(new("Input.DueOn", due));
        (await PostFormAsync(client, $"/personnes/{person}/actions/nouvelle", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return await QueryAsync(app, app.A, db => db.Set<FollowUpAction>().Where(a => a.Title == title).Select(a => a.Id).SingleAsync(Ct));
    }

    private Task<FollowUpAction> ActionAsync(Guid id) => QueryAsync(app, app.A, db => db.Set<FollowUpAction>().AsNoTracking().SingleAsync(a => a.Id == id, Ct));

    [Fact]
    public async Task An_action_is_changed_from_my_actions_and_a_save_over_a_newer_version_shows_both()
    {
        var elodie = await ElodieAsync(app, app.A);
        var worker = await app.SignedInAsync(app.A, Role.SocialWorker);
        var me = app.A.UserIds[Role.SocialWorker];
        var title = "Appeler le bailleur " + Guid.NewGuid().ToString("N")[..6];
        var id = await NewActionAsync(worker, elodie, title, me, DateTime.Today.AddDays(10).ToString("yyyy-MM-dd"));

        // Reached from "Mes actions" and from the person's file.
        (await HtmlAsync(await worker.GetAsync("/mes-actions", Ct))).QuerySelector($"a[href='/actions/{id}/modifier?retour=mes-actions']").ShouldNotBeNull();
        (await HtmlAsync(await worker.GetAsync($"/personnes/{elodie}/entretiens", Ct))).QuerySelector($"a[href='/actions/{id}/modifier']").ShouldNotBeNull();
        var url = $"/actions/{id}/modifier?retour=mes-actions";
        var form = await HtmlAsync(await worker.GetAsync(url, Ct));
        form.QuerySelector("#Input_Title")!.GetAttribute("value").ShouldBe(title);
        form.QuerySelector("label[for=Input_DueOn]").ShouldNotBeNull();
        var read = form.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;

        // Bad input: French messages, nothing saved.
        var bad = await PostFormAsync(worker, url, [new("Input.Title", " "), new("Input.DueOn", DateTime.Today.AddYears(-2).ToString("yyyy-MM-dd")),
            new("Input.AssigneeId", me.ToString()), new("Input.Status", "ToDo"), new("Input.Version", read)]);
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        var summary = (await HtmlAsync(bad)).QuerySelector(".error-summary")!.TextContent;
        summary.ShouldContain("L'intitulé de l'action est obligatoire.");
        summary.ShouldContain("L'échéance est trop ancienne.");
        (await ActionAsync(id)).Title.ShouldBe(title);

        // Saved, audited, back to "Mes actions".
        var due = DateOnly.FromDateTime(DateTime.Today.AddDays(20));
        var saved = await PostFormAsync(worker, url, [new("Input.Title", title + " (relance)"), new("Input.DueOn", due.ToString("yyyy-MM-dd")),
            new("Input.AssigneeId", me.ToString()), new("Input.Status", "InProgress"), new("Input.Version", read)]);
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await HtmlAsync(saved)).QuerySelector(".error-summary")?.TextContent);
        saved.Headers.Location!.OriginalString.ShouldBe("/mes-actions");
        var action = await ActionAsync(id);
        (action.Title, action.DueOn, action.Status).ShouldBe((title + " (relance)", due, ActionStatus.InProgress));
        (await QueryAsync(app, app.A, db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Update && e.EntityType == "FollowUpAction" && e.EntityId == id.ToString(), Ct)))
            .ShouldBe(1);

        // Someone changes it through the API meanwhile; the page sent with the version read before shows both, keeps the input.
        var token = app.BearerClient((await AppFixture.CreateTokenAsync(worker, Role.SocialWorker)).Secret);
        (await token.PutAsJsonAsync($"/api/actions/{id}", new { title = "Changée par l'API", dueOn = due, status = "InProgress", version = action.Version }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var stale = await PostFormAsync(worker, url, [new("Input.Title", "Ma version"), new("Input.DueOn", due.AddDays(1).ToString("yyyy-MM-dd")),
            new("Input.AssigneeId", me.ToString()), new("Input.Status", "InProgress"), new("Input.Version", action.Version.ToString())]);
        stale.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await HtmlAsync(stale);
        var conflict = page.QuerySelector("#conflit")!.TextContent;
        conflict.ShouldContain("Ma version");
        conflict.ShouldContain("Changée par l'API");
        conflict.ShouldContain(due.AddDays(1).ToString("dd/MM/yyyy"));
        conflict.ShouldNotContain("État", Case.Sensitive);
        page.QuerySelector("#Input_Title")!.GetAttribute("value").ShouldBe("Ma version");
        var newer = page.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!;
        newer.ShouldBe((action.Version + 1).ToString());
        (await ActionAsync(id)).Title.ShouldBe("Changée par l'API");
        (await PostFormAsync(worker, url, [new("Input.Title", "Ma version"), new("Input.DueOn", due.AddDays(1).ToString("yyyy-MM-dd")),
            new("Input.AssigneeId", me.ToString()), new("Input.Status", "InProgress"), new("Input.Version", newer)])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ActionAsync(id)).Title.ShouldBe("Ma version");
    }

    [Fact]
    public async Task An_action_is_changed_by_its_assignee_or_those_who_open_the_social_part_only()
    {
        var elodie = await ElodieAsync(app, app.A);
        var worker = await app.SignedInAsync(app.A, Role.SocialWorker);
        var title = "Monter le dossier APA " + Guid.NewGuid().ToString("N")[..6];
        var id = await NewActionAsync(worker, elodie, title, app.A.UserIds[Role.Instructor]);
        var version = (await ActionAsync(id)).Version.ToString();
        KeyValuePair<string, string>[] Fields(string t) =>
            [new("Input.Title", t), new("Input.AssigneeId", app.A.UserIds[Role.Instructor].ToString()), new("Input.Status", "ToDo"), new("Input.Version", version)];

        // The instructor it is given to changes it, though the social part of the file is closed to them.
        var instructor = await app.SignedInAsync(app.A, Role.Instructor);
        (await instructor.GetAsync($"/actions/{id}/modifier", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostFormAsync(instructor, $"/actions/{id}/modifier?retour=mes-actions", Fields(title + " !"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ActionAsync(id)).Title.ShouldBe(title + " !");
        version = (await ActionAsync(id)).Version.ToString();

        // Reception, a volunteer, a social worker of the other team: refused, nothing saved.
        var (_, otherTeam) = await ExtraAgentAsync(app, app.A, "ts-modif-equipe2", Role.SocialWorker, app.A.TeamIds[1]);
        foreach (var client in new[] { await app.SignedInAsync(app.A, Role.Reception), await app.SignedInAsync(app.A, Role.Volunteer), otherTeam })
        {
            IsDenied(await client.GetAsync($"/actions/{id}/modifier", Ct)).ShouldBeTrue();
            IsDenied(await PostFormAsync(client, $"/actions/{id}/modifier", Fields("Pris"))).ShouldBeTrue();
        }
        (await (await app.SignedInAsync(app.B, Role.SocialWorker)).GetAsync($"/actions/{id}/modifier", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ActionAsync(id)).Title.ShouldBe(title + " !");
    }

    [Fact]
    public async Task A_referral_is_deleted_after_confirmation_by_its_author_or_a_manager_only()
    {
        var elodie = await ElodieAsync(app, app.A);
        var partner = await QueryAsync(app, app.A, db => db.Set<Partner>().Where(p => p.Name == InterviewSeed.PartnerName).Select(p => p.Id).SingleAsync(Ct));
        var worker = await app.SignedInAsync(app.A, Role.SocialWorker);
        async Task<Guid> RecordAsync(string reason)
        {
            (await PostFormAsync(worker, $"/personnes/{elodie}/orientations/nouvelle", [new("Input.PartnerId", partner.ToString()), new("Input.Reason", reason)]))
                .StatusCode.ShouldBe(HttpStatusCode.Redirect);
            return await QueryAsync(app, app.A, db => db.Set<Referral>().Where(r => r.Reason == reason).Select(r => r.Id).SingleAsync(Ct));
        }
        Task<bool> ExistsAsync(Guid id) => QueryAsync(app, app.A, db => db.Set<Referral>().AnyAsync(r => r.Id == id, Ct));
        var mistake = await RecordAsync("Erreur de dossier " + Guid.NewGuid().ToString("N")[..6]);

        // The author: a link on the file, a confirmation page saying what goes, then the deletion (audited).
        var file = await HtmlAsync(await worker.GetAsync($"/personnes/{elodie}/entretiens", Ct));
        file.QuerySelector($"a[href='/orientations/{mistake}/supprimer']")!.TextContent.ShouldContain("Supprimer");
        var confirm = await HtmlAsync(await worker.GetAsync($"/orientations/{mistake}/supprimer", Ct));
        confirm.QuerySelector("h1")!.TextContent.ShouldContain("Supprimer cette orientation");
        confirm.Body!.TextContent.ShouldContain(InterviewSeed.PartnerName);
        confirm.QuerySelectorAll("form button[type=submit]").Select(b => b.TextContent.Trim()).ShouldContain("Confirmer la suppression");
        (await ExistsAsync(mistake)).ShouldBeTrue("showing the confirmation deletes nothing");
        var deleted = await PostFormAsync(worker, $"/orientations/{mistake}/supprimer", []);
        deleted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        deleted.Headers.Location!.OriginalString.ShouldBe($"/personnes/{elodie}/entretiens");
        (await ExistsAsync(mistake)).ShouldBeFalse();
        (await QueryAsync(app, app.A, db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Delete && e.EntityType == "Referral" && e.EntityId == mistake.ToString(), Ct)))
            .ShouldBe(1);

        // A colleague of the same team sees the referral but may not delete it, in the page or the API.
        var other = await RecordAsync("Pas à moi " + Guid.NewGuid().ToString("N")[..6]);
        var (_, colleague) = await ExtraAgentAsync(app, app.A, "ts-collegue-orientation", Role.SocialWorker, app.A.TeamIds[0]);
        var seen = await HtmlAsync(await colleague.GetAsync($"/personnes/{elodie}/entretiens", Ct));
        seen.Body!.TextContent.ShouldContain("Pas à moi");
        seen.QuerySelector($"a[href='/orientations/{other}/supprimer']").ShouldBeNull();
        IsDenied(await colleague.GetAsync($"/orientations/{other}/supprimer", Ct)).ShouldBeTrue();
        IsDenied(await PostFormAsync(colleague, $"/orientations/{other}/supprimer", [])).ShouldBeTrue();
        var colleagueToken = app.BearerClient((await AppFixture.CreateTokenAsync(colleague, Role.SocialWorker)).Secret);
        (await colleagueToken.DeleteAsync($"/api/referrals/{other}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        foreach (var role in new[] { Role.Reception, Role.Instructor, Role.Volunteer })
            IsDenied(await PostFormAsync(await app.SignedInAsync(app.A, role), $"/orientations/{other}/supprimer", [])).ShouldBeTrue(role.ToString());
        (await (await app.SignedInAsync(app.B, Role.Manager)).GetAsync($"/orientations/{other}/supprimer", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ExistsAsync(other)).ShouldBeTrue();

        // A manager may; so may the author through the API.
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        (await HtmlAsync(await manager.GetAsync($"/personnes/{elodie}/entretiens", Ct))).QuerySelector($"a[href='/orientations/{other}/supprimer']").ShouldNotBeNull();
        (await PostFormAsync(manager, $"/orientations/{other}/supprimer", [])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await ExistsAsync(other)).ShouldBeFalse();
        var third = await RecordAsync("Par l'API " + Guid.NewGuid().ToString("N")[..6]);
        var token = app.BearerClient((await AppFixture.CreateTokenAsync(worker, Role.SocialWorker)).Secret);
        (await token.DeleteAsync($"/api/referrals/{third}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ExistsAsync(third)).ShouldBeFalse();
    }
}
