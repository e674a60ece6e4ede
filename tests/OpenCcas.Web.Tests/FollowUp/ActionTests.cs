using OpenCcas.Domain.FollowUp;
using static OpenCcas.Web.Tests.FollowUp.InterviewTestKit;

namespace OpenCcas.Web.Tests.FollowUp;

/// <summary>"Mes actions": the user's open actions by due date, overdue ones said in words, done or cancelled; the API too.</summary>
public sealed class ActionTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task My_actions_lists_open_actions_by_due_date_marks_overdue_ones_and_closes_them()
    {
        var ct = TestContext.Current.CancellationToken;
        var elodie = await ElodieAsync(app, app.A);
        var worker = await app.SignedInAsync(app.A, Role.SocialWorker);
        var late = "Action en retard " + Guid.NewGuid().ToString("N")[..6];
        var created = await PostFormAsync(worker, $"/personnes/{elodie}/actions/nouvelle",
            [new("Input.Title", late), new("Input.DueOn", DateTime.Today.AddDays(-3).ToString("yyyy-MM-dd")), new("Input.AssigneeId", app.A.UserIds[Role.SocialWorker].ToString())]);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync(ct));
        var empty = await PostFormAsync(worker, $"/personnes/{elodie}/actions/nouvelle", [new("Input.Title", "")]);
        (await HtmlAsync(empty)).QuerySelector(".error-summary")!.TextContent.ShouldContain("L'intitulé de l'action est obligatoire.");

        var page = await HtmlAsync(await worker.GetAsync("/mes-actions", ct));
        var rows = page.QuerySelectorAll("tbody tr").ToList();
        var titles = rows.Select(r => r.Children[1].TextContent.Trim()).ToList();
        titles.ShouldContain(late);
        titles.ShouldContain("Relancer la CAF pour l'APL");
        titles.IndexOf(late).ShouldBeLessThan(titles.IndexOf("Relancer la CAF pour l'APL"), "sorted by due date");
        var lateRow = rows[titles.IndexOf(late)];
        lateRow.TextContent.ShouldContain("En retard");
        rows[titles.IndexOf("Relancer la CAF pour l'APL")].TextContent.ShouldNotContain("En retard");
        lateRow.QuerySelector($"a[href='/personnes/{elodie}']").ShouldNotBeNull();

        var api = app.BearerClient((await AppFixture.CreateTokenAsync(worker, Role.SocialWorker)).Secret);
        var mine = await api.GetFromJsonAsync<JsonElement>("/api/actions/mine", ct);
        var lateDto = mine.EnumerateArray().Single(e => e.GetProperty("action").GetProperty("title").GetString() == late);
        lateDto.GetProperty("action").GetProperty("overdue").GetBoolean().ShouldBeTrue();
        var id = lateDto.GetProperty("action").GetProperty("id").GetGuid();

        var done = await PostFormAsync(worker, $"/mes-actions?handler=Status&id={id}", [new("status", "Done")]);
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await QueryAsync(app, app.A, db => db.Set<FollowUpAction>().SingleAsync(a => a.Id == id));
        saved.Status.ShouldBe(ActionStatus.Done);
        saved.DoneAt.ShouldNotBeNull();
        var after = await HtmlAsync(await worker.GetAsync("/mes-actions", ct));
        after.QuerySelector("[role=status]")!.TextContent.ShouldContain("faite");
        after.QuerySelectorAll("tbody tr").Select(r => r.Children[1].TextContent.Trim()).ShouldNotContain(late);
        (await HtmlAsync(await worker.GetAsync("/mes-actions?toutes=true", ct))).Body!.TextContent.ShouldContain(late);
        (await HtmlAsync(await worker.GetAsync("/mes-actions?q=relancer", ct))).Body!.TextContent.ShouldContain("Relancer la CAF");

        // API: cancel by PUT, another user's action is out of reach for a colleague outside the team.
        var put = await api.PutAsJsonAsync($"/api/actions/{id}", new { title = late, status = "Cancelled", version = saved.Version }, ct);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync(ct));
        var (_, outsider) = await ExtraAgentAsync(app, app.A, "ts-actions-equipe2", Role.SocialWorker, app.A.TeamIds[1]);
        IsDenied(await PostFormAsync(outsider, $"/mes-actions?handler=Status&id={id}", [new("status", "ToDo")])).ShouldBeTrue();
        var posted = await api.PostAsJsonAsync("/api/actions", new { personId = elodie, title = "Par l'API" }, ct);
        posted.StatusCode.ShouldBe(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task My_actions_is_for_social_roles_and_instructors_only()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var role in Enum.GetValues<Role>())
        {
            var client = await app.SignedInAsync(app.A, role);
            var response = await client.GetAsync("/mes-actions", ct);
            var api = await client.GetAsync("/api/actions/mine", ct);
            if (role is Role.Manager or Role.SocialWorker or Role.Instructor)
            {
                response.StatusCode.ShouldBe(HttpStatusCode.OK, role.ToString());
                api.StatusCode.ShouldBe(HttpStatusCode.OK, role.ToString());
            }
            else
            {
                IsDenied(response).ShouldBeTrue(role.ToString());
                api.StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            }
        }
        // An action given to an instructor reaches them in "Mes actions", though the social part of the file does not.
        var elodie = await ElodieAsync(app, app.A);
        var worker = await app.SignedInAsync(app.A, Role.SocialWorker);
        var title = "Monter le dossier APA " + Guid.NewGuid().ToString("N")[..6];
        (await PostFormAsync(worker, $"/personnes/{elodie}/actions/nouvelle",
            [new("Input.Title", title), new("Input.AssigneeId", app.A.UserIds[Role.Instructor].ToString())])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var instructor = await app.SignedInAsync(app.A, Role.Instructor);
        (await HtmlAsync(await instructor.GetAsync("/mes-actions", ct))).Body!.TextContent.ShouldContain(title);
        IsDenied(await instructor.GetAsync($"/personnes/{elodie}/entretiens", ct)).ShouldBeTrue();
    }
}
