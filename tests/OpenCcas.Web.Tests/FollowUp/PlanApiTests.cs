using OpenCcas.Domain.FollowUp;
using static OpenCcas.Web.Tests.FollowUp.PlanTestHelpers;

namespace OpenCcas.Web.Tests.FollowUp;

/// <summary>Action plans through the JSON API with a personal token: the same operations and rules as the pages.</summary>
public sealed class PlanApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<HttpClient> BearerAsync(Role role)
    {
        var (_, secret) = await AppFixture.CreateTokenAsync(await app.SignedInAsync(app.A, role), role);
        return app.BearerClient(secret);
    }

    private static async Task<string> ErrorsAsync(HttpResponseMessage r) =>
        (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").ToString();

    [Fact]
    public async Task A_plan_is_built_read_and_changed_through_the_api()
    {
        var ct = TestContext.Current.CancellationToken;
        using var api = await BearerAsync(Role.SocialWorker);
        var elodie = await ElodieAsync(app, app.A);
        var created = await api.PostAsJsonAsync("/api/action-plans", new { personId = elodie, title = "Plan par l'API", startedOn = "2026-09-01" }, ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
        var plan = await created.Content.ReadFromJsonAsync<JsonElement>(ct);
        var id = plan.GetProperty("id").GetGuid();
        created.Headers.Location!.OriginalString.ShouldBe($"/api/action-plans/{id}");

        var goal = await api.PostAsJsonAsync($"/api/action-plans/{id}/goals", new { title = "Objectif API" }, ct);
        goal.StatusCode.ShouldBe(HttpStatusCode.Created);
        var goalId = (await goal.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("goals")[0].GetProperty("id").GetGuid();
        var action = await api.PostAsJsonAsync($"/api/action-plans/{id}/goals/{goalId}/actions",
            new { title = "Action API", owner = "Agent", agentId = app.A.UserIds[Role.Manager], dueOn = "2026-09-30", status = "ToDo" }, ct);
        action.StatusCode.ShouldBe(HttpStatusCode.Created, await action.Content.ReadAsStringAsync(ct));
        var body = await action.Content.ReadFromJsonAsync<JsonElement>(ct);
        var actionId = body.GetProperty("goals")[0].GetProperty("actions")[0].GetProperty("id").GetGuid();
        body.GetProperty("goals")[0].GetProperty("actions")[0].GetProperty("overdue").GetBoolean().ShouldBe(PlanDay() > new DateOnly(2026, 9, 30));

        var done = await api.PutAsJsonAsync($"/api/action-plans/{id}/actions/{actionId}",
            new { title = "Action API", owner = "Person", dueOn = "2026-09-30", status = "Done" }, ct);
        done.StatusCode.ShouldBe(HttpStatusCode.OK);
        var read = await api.GetFromJsonAsync<JsonElement>($"/api/action-plans/{id}", ct);
        read.GetProperty("actionsDone").GetInt32().ShouldBe(1);
        read.GetProperty("actionsCounted").GetInt32().ShouldBe(1);
        read.GetProperty("goals")[0].GetProperty("actionsDone").GetInt32().ShouldBe(1);
        var version = read.GetProperty("version").GetInt32();
        (await api.PutAsJsonAsync($"/api/action-plans/{id}/goals/{goalId}", new { title = "Objectif API atteint", status = "Achieved", version }, ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A stale version is a conflict; the current one passes.
        var stale = await api.PutAsJsonAsync($"/api/action-plans/{id}", new { title = "Écrasement", startedOn = "2026-09-01", status = "Active", version }, ct);
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var current = (await api.GetFromJsonAsync<JsonElement>($"/api/action-plans/{id}", ct)).GetProperty("version").GetInt32();
        (await api.PutAsJsonAsync($"/api/action-plans/{id}", new { title = "Plan par l'API (atteint)", startedOn = "2026-09-01", status = "Achieved", version = current }, ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var final = await api.GetFromJsonAsync<JsonElement>($"/api/action-plans/{id}", ct);
        final.GetProperty("title").GetString().ShouldBe("Plan par l'API (atteint)");
        final.GetProperty("status").GetString().ShouldBe("Achieved");
        final.GetProperty("goals")[0].GetProperty("status").GetString().ShouldBe("Achieved");
    }

    private static DateOnly PlanDay() => OpenCcas.Web.FollowUp.Plans.PlanDisplay.Today();

    [Fact]
    public async Task Bad_input_is_refused_in_french_and_nothing_is_saved()
    {
        var ct = TestContext.Current.CancellationToken;
        using var api = await BearerAsync(Role.Manager);
        var elodie = await ElodieAsync(app, app.A);
        var plans = await WithDbAsync(app, app.A, db => db.Set<ActionPlan>().CountAsync());
        var empty = await api.PostAsJsonAsync("/api/action-plans", new { personId = elodie, title = "", startedOn = "2026-09-01" }, ct);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsAsync(empty)).ShouldContain("Le titre du plan est obligatoire.");
        var noPerson = await api.PostAsJsonAsync("/api/action-plans", new { title = "Sans personne", startedOn = "2026-09-01" }, ct);
        noPerson.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsAsync(noPerson)).ShouldContain("La personne est obligatoire.");
        (await WithDbAsync(app, app.A, db => db.Set<ActionPlan>().CountAsync())).ShouldBe(plans);

        var id = (await (await api.PostAsJsonAsync("/api/action-plans", new { personId = elodie, title = "Plan", startedOn = "2026-09-01" }, ct))
            .Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        var goalId = (await (await api.PostAsJsonAsync($"/api/action-plans/{id}/goals", new { title = "Objectif" }, ct))
            .Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("goals")[0].GetProperty("id").GetGuid();
        var early = await api.PostAsJsonAsync($"/api/action-plans/{id}/goals/{goalId}/actions", new { title = "Trop tôt", owner = "Person", dueOn = "2026-01-01" }, ct);
        early.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsAsync(early)).ShouldContain("L'échéance ne peut pas précéder le début du plan");
        var unknown = await api.PostAsJsonAsync($"/api/action-plans/{id}/goals/{goalId}/actions", new { title = "Agent inconnu", owner = "Agent", agentId = Guid.NewGuid() }, ct);
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsAsync(unknown)).ShouldContain("L'agent choisi n'existe pas");
        var noTitle = await api.PostAsJsonAsync($"/api/action-plans/{id}/goals", new { title = " " }, ct);
        noTitle.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsAsync(noTitle)).ShouldContain("L'intitulé de l'objectif est obligatoire.");
        var plan = await WithDbAsync(app, app.A, db => db.Set<ActionPlan>().Include(p => p.Goals).ThenInclude(g => g.Actions).SingleAsync(p => p.Id == id));
        plan.Goals.Count.ShouldBe(1);
        plan.Goals[0].Actions.ShouldBeEmpty();
    }

    [Fact]
    public async Task Roles_without_the_social_part_are_refused_and_another_organisation_is_absent()
    {
        var ct = TestContext.Current.CancellationToken;
        var seeded = await WithDbAsync(app, app.A, db => db.Set<ActionPlan>().Where(p => p.Title == PlansSeed.PlanTitle).Select(p => p.Id).SingleAsync());
        var goal = await WithDbAsync(app, app.A, db => db.Set<PlanGoal>().Where(g => g.ActionPlanId == seeded).Select(g => g.Id).SingleAsync());
        var elodie = await ElodieAsync(app, app.A);
        foreach (var role in new[] { Role.Instructor, Role.Reception, Role.StatsReader })
        {
            using var api = await BearerAsync(role);
            (await api.GetAsync($"/api/action-plans/{seeded}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            (await api.PostAsJsonAsync("/api/action-plans", new { personId = elodie, title = "Refusé", startedOn = "2026-01-01" }, ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            (await api.PostAsJsonAsync($"/api/action-plans/{seeded}/goals", new { title = "Refusé" }, ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            (await api.PostAsJsonAsync($"/api/action-plans/{seeded}/goals/{goal}/actions", new { title = "Refusé", owner = "Person" }, ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
        }
        (await WithDbAsync(app, app.A, db => db.Set<ActionPlan>().AnyAsync(p => p.Title == "Refusé"))).ShouldBeFalse();
        (await WithDbAsync(app, app.A, db => db.Set<PlanGoal>().AnyAsync(g => g.Title == "Refusé"))).ShouldBeFalse();
        using var manager = await BearerAsync(Role.Manager);
        var ofB = await WithDbAsync(app, app.B, db => db.Set<ActionPlan>().Select(p => p.Id).FirstAsync());
        (await manager.GetAsync($"/api/action-plans/{ofB}", ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await manager.PostAsJsonAsync($"/api/action-plans/{ofB}/goals", new { title = "Chez B" }, ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
