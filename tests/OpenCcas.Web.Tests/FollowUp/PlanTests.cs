using OpenCcas.Domain.Audit;
using OpenCcas.Domain.FollowUp;
using static OpenCcas.Web.Tests.FollowUp.PlanTestHelpers;

namespace OpenCcas.Web.Tests.FollowUp;

/// <summary>Action plans through the pages: create, goals, actions, bad input, access per role, concurrency.</summary>
public sealed class PlanTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<ActionPlan> LoadPlanAsync(Guid id) => await WithDbAsync(app, app.A, db =>
        db.Set<ActionPlan>().AsNoTracking().Include(p => p.Goals).ThenInclude(g => g.Actions).SingleAsync(p => p.Id == id));

    private Task<int> CountAsync<T>() where T : class => WithDbAsync(app, app.A, db => db.Set<T>().CountAsync());

    /// <summary>Creates a plan for Élodie through the page and answers its id.</summary>
    private async Task<Guid> CreatePlanAsync(HttpClient client, string title = "Accéder à un logement stable", string start = "2026-09-01")
    {
        var elodie = await ElodieAsync(app, app.A);
        var page = $"/personnes/{elodie}/plans/nouveau";
        var response = await PostFormAsync(client, page, page, new Dictionary<string, string?> { ["Input.Title"] = title, ["Input.StartedOn"] = start, ["Input.Status"] = "Active" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        return Guid.Parse(PathOf(response.Headers.Location)!.Split('/').Last());
    }

    private async Task<int> VersionAsync(Guid planId) => (await LoadPlanAsync(planId)).Version;

    [Fact]
    public async Task A_social_worker_builds_a_plan_with_goals_and_actions_and_sees_progress_and_overdue_actions()
    {
        var client = await app.SignedInAsync(app.A, Role.SocialWorker);
        var id = await CreatePlanAsync(client);
        var plan = await LoadPlanAsync(id);
        plan.Title.ShouldBe("Accéder à un logement stable");
        plan.PersonId.ShouldBe(await ElodieAsync(app, app.A));
        plan.StartedOn.ShouldBe(new DateOnly(2026, 9, 1));

        var page = $"/plans/{id}";
        (await PostFormAsync(client, page, $"{page}?handler=AddGoal", new Dictionary<string, string?> { ["Goal.Title"] = "Déposer une demande de logement social", ["Goal.Version"] = (await VersionAsync(id)).ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostFormAsync(client, page, $"{page}?handler=AddGoal", new Dictionary<string, string?> { ["Goal.Title"] = "Stabiliser le budget", ["Goal.Version"] = (await VersionAsync(id)).ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        plan = await LoadPlanAsync(id);
        var first = plan.Goals.Single(g => g.Position == 0);
        var second = plan.Goals.Single(g => g.Position == 1);
        first.Title.ShouldBe("Déposer une demande de logement social");

        // An action by an agent of the organisation, one by a partner, one overdue by the person.
        var agent = app.A.UserIds[Role.SocialWorker];
        var add = async (Guid goal, Dictionary<string, string?> fields) =>
        {
            fields["Action.Version"] = (await VersionAsync(id)).ToString();
            var r = await PostFormAsync(client, page, $"{page}?handler=AddAction&goalId={goal}", fields);
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync());
        };
        await add(first.Id, new() { ["Action.Title"] = "Remplir le formulaire Cerfa", ["Action.Owner"] = "Agent", ["Action.AgentId"] = agent.ToString(), ["Action.DueOn"] = "2026-09-15", ["Action.Status"] = "ToDo" });
        await add(first.Id, new() { ["Action.Title"] = "Rendez-vous au bailleur", ["Action.Owner"] = "Other", ["Action.Who"] = "Bailleur social", ["Action.DueOn"] = "2099-01-10", ["Action.Status"] = "InProgress" });
        await add(second.Id, new() { ["Action.Title"] = "Ouvrir un livret", ["Action.Owner"] = "Person", ["Action.Status"] = "ToDo" });
        plan = await LoadPlanAsync(id);
        var cerfa = plan.Goals.SelectMany(g => g.Actions).Single(a => a.Title == "Remplir le formulaire Cerfa");
        cerfa.AgentId.ShouldBe(agent);
        cerfa.Owner.ShouldBe(PlanActionOwner.Agent);
        plan.Goals.SelectMany(g => g.Actions).Single(a => a.Title == "Rendez-vous au bailleur").Who.ShouldBe("Bailleur social");

        // The overdue action is flagged in words; progress counts done actions.
        var html = Html(await client.GetStringAsync(page));
        html.QuerySelector($"#action-{cerfa.Id}")!.TextContent.ShouldContain("En retard");
        html.QuerySelector($"#goal-{first.Id}")!.TextContent.ShouldContain("0 action faite sur 2");

        (await PostFormAsync(client, page, $"{page}?handler=ActionStatus&actionId={cerfa.Id}", new Dictionary<string, string?> { ["status"] = "Done", ["version"] = (await VersionAsync(id)).ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        html = Html(await client.GetStringAsync(page));
        html.QuerySelector($"#goal-{first.Id}")!.TextContent.ShouldContain("1 action faite sur 2");
        html.QuerySelector($"#action-{cerfa.Id}")!.TextContent.ShouldNotContain("En retard");

        // Edit an action, close a goal, reorder goals.
        (await PostFormAsync(client, page, $"{page}?handler=Action&actionId={cerfa.Id}", new Dictionary<string, string?>
        {
            ["Action.Title"] = "Remplir et envoyer le Cerfa", ["Action.Owner"] = "Person", ["Action.DueOn"] = "2026-09-20", ["Action.Status"] = "Done",
            ["Action.Version"] = (await VersionAsync(id)).ToString(),
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostFormAsync(client, page, $"{page}?handler=Goal&goalId={second.Id}", new Dictionary<string, string?>
        {
            ["Goal.Title"] = "Stabiliser le budget du foyer", ["Goal.Status"] = "Achieved", ["Goal.Version"] = (await VersionAsync(id)).ToString(),
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await PostFormAsync(client, page, $"{page}?handler=Move&goalId={second.Id}", new Dictionary<string, string?> { ["delta"] = "-1", ["version"] = (await VersionAsync(id)).ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        plan = await LoadPlanAsync(id);
        var edited = plan.Goals.SelectMany(g => g.Actions).Single(a => a.Id == cerfa.Id);
        edited.Title.ShouldBe("Remplir et envoyer le Cerfa");
        edited.Owner.ShouldBe(PlanActionOwner.Person);
        edited.AgentId.ShouldBeNull();
        var closed = plan.Goals.Single(g => g.Id == second.Id);
        closed.Status.ShouldBe(PlanStatus.Achieved);
        closed.Title.ShouldBe("Stabiliser le budget du foyer");
        closed.Position.ShouldBe(0);
        plan.Goals.Single(g => g.Id == first.Id).Position.ShouldBe(1);
        plan.Version.ShouldBeGreaterThanOrEqualTo(8, "every change to a goal or an action changes the plan's version");

        // The plan's header, then the changes are in the audit log with the French type names.
        (await PostFormAsync(client, page, $"{page}?handler=Plan", new Dictionary<string, string?>
        {
            ["Plan.Title"] = "Accéder à un logement stable et durable", ["Plan.StartedOn"] = "2026-09-01", ["Plan.Status"] = "Achieved", ["Plan.Version"] = (await VersionAsync(id)).ToString(),
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await LoadPlanAsync(id)).Status.ShouldBe(PlanStatus.Achieved);
        var audited = await WithDbAsync(app, app.A, db => db.AuditEntries.Where(e => e.EntityType == "PlanAction" || e.EntityType == "PlanGoal" || (e.EntityType == "ActionPlan" && e.EntityId == id.ToString()))
            .Select(e => e.EntityType + ":" + e.Action).ToListAsync());
        audited.ShouldContain($"ActionPlan:{AuditAction.Create}");
        audited.ShouldContain($"ActionPlan:{AuditAction.Update}");
        audited.ShouldContain($"PlanGoal:{AuditAction.Create}");
        audited.ShouldContain($"PlanAction:{AuditAction.Update}");
        OpenCcas.Web.Infrastructure.Audit.AuditLabels.Of("PlanAction").ShouldBe("Action de plan d'accompagnement");
        // Opening the plan is recorded as a read of the person's file.
        var elodie = (await ElodieAsync(app, app.A)).ToString();
        (await WithDbAsync(app, app.A, db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Read && e.EntityType == "Person" && e.EntityId == elodie))).ShouldBeTrue();
    }

    [Fact]
    public async Task A_household_plan_is_attached_to_the_reference_person_and_shown_to_the_other_members()
    {
        var client = await app.SignedInAsync(app.A, Role.Manager);
        var lucas = await PersonAsync(app, app.A, "Martin", "Lucas");
        var page = $"/personnes/{lucas}/plans/nouveau";
        (await client.GetStringAsync(page)).ShouldContain("Plan du foyer (Foyer MARTIN)");
        var r = await PostFormAsync(client, page, page, new Dictionary<string, string?> { ["Input.Title"] = "Plan du foyer Martin", ["Input.StartedOn"] = "2026-10-01", ["Input.ForHousehold"] = "true" });
        r.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var plan = await LoadPlanAsync(Guid.Parse(PathOf(r.Headers.Location)!.Split('/').Last()));
        plan.PersonId.ShouldBe(await ElodieAsync(app, app.A));
        plan.HouseholdId.ShouldNotBeNull();
        var list = await client.GetFromJsonAsync<JsonElement[]>($"/api/action-plans?personId={lucas}", TestContext.Current.CancellationToken);
        list!.Select(p => p.GetProperty("title").GetString()).ShouldContain("Plan du foyer Martin");
        // Jean is in no household: a household plan is refused in French.
        var jean = await OutsideAsync(app, app.A);
        var bad = await PostFormAsync(client, $"/personnes/{jean}/plans/nouveau", $"/personnes/{jean}/plans/nouveau", new Dictionary<string, string?> { ["Input.Title"] = "X", ["Input.StartedOn"] = "2026-10-01", ["Input.ForHousehold"] = "true" });
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HtmlAsync(bad)).QuerySelector(".error-summary")!.TextContent.ShouldContain("n'appartient à aucun foyer");
    }

    [Fact]
    public async Task Bad_input_gets_a_french_message_and_nothing_is_saved()
    {
        var client = await app.SignedInAsync(app.A, Role.SocialWorker);
        var elodie = await ElodieAsync(app, app.A);
        var newPage = $"/personnes/{elodie}/plans/nouveau";
        var plans = await CountAsync<ActionPlan>();
        var r = await PostFormAsync(client, newPage, newPage, new Dictionary<string, string?> { ["Input.Title"] = "  ", ["Input.StartedOn"] = "2026-09-01" });
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HtmlAsync(r)).QuerySelector(".error-summary")!.TextContent.ShouldContain("Le titre du plan est obligatoire.");
        (await CountAsync<ActionPlan>()).ShouldBe(plans);

        var id = await CreatePlanAsync(client, "Plan pour les erreurs", "2026-09-01");
        var page = $"/plans/{id}";
        (await PostFormAsync(client, page, $"{page}?handler=AddGoal", new Dictionary<string, string?> { ["Goal.Title"] = "Objectif", ["Goal.Version"] = (await VersionAsync(id)).ToString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var goal = (await LoadPlanAsync(id)).Goals.Single();
        var goals = await CountAsync<PlanGoal>();
        var actions = await CountAsync<PlanAction>();

        async Task Refused(string handler, Dictionary<string, string?> fields, string message)
        {
            var response = await PostFormAsync(client, page, $"{page}?handler={handler}", fields);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, handler);
            var html = await HtmlAsync(response);
            html.QuerySelector(".error-summary")!.TextContent.ShouldContain(message);
        }
        var v = (await VersionAsync(id)).ToString();
        await Refused("AddGoal", new() { ["Goal.Title"] = "", ["Goal.Version"] = v }, "L'intitulé de l'objectif est obligatoire.");
        await Refused($"AddAction&goalId={goal.Id}", new() { ["Action.Title"] = "", ["Action.Owner"] = "Person", ["Action.Version"] = v }, "L'intitulé de l'action est obligatoire.");
        await Refused($"AddAction&goalId={goal.Id}", new() { ["Action.Title"] = "Trop tôt", ["Action.Owner"] = "Person", ["Action.DueOn"] = "2026-08-31", ["Action.Version"] = v },
            "L'échéance ne peut pas précéder le début du plan (01/09/2026).");
        await Refused($"AddAction&goalId={goal.Id}", new() { ["Action.Title"] = "Agent inconnu", ["Action.Owner"] = "Agent", ["Action.AgentId"] = Guid.NewGuid().ToString(), ["Action.Version"] = v },
            "L'agent choisi n'existe pas dans votre organisation");
        // An agent of another organisation is unknown here too.
        await Refused($"AddAction&goalId={goal.Id}", new() { ["Action.Title"] = "Agent de B", ["Action.Owner"] = "Agent", ["Action.AgentId"] = app.B.UserIds[Role.SocialWorker].ToString(), ["Action.Version"] = v },
            "L'agent choisi n'existe pas dans votre organisation");
        await Refused($"AddAction&goalId={goal.Id}", new() { ["Action.Title"] = "Sans qui", ["Action.Owner"] = "Other", ["Action.Who"] = "", ["Action.Version"] = v }, "Indiquez qui fera cette action");
        await Refused("Plan", new() { ["Plan.Title"] = "", ["Plan.StartedOn"] = "2026-09-01", ["Plan.Version"] = v }, "Le titre du plan est obligatoire.");
        (await CountAsync<PlanGoal>()).ShouldBe(goals);
        (await CountAsync<PlanAction>()).ShouldBe(actions);
        var unchanged = await LoadPlanAsync(id);
        unchanged.Title.ShouldBe("Plan pour les erreurs");
        unchanged.Version.ShouldBe(int.Parse(v));

        // Moving the start after an action's due date is refused too.
        (await PostFormAsync(client, page, $"{page}?handler=AddAction&goalId={goal.Id}", new Dictionary<string, string?>
            { ["Action.Title"] = "À la rentrée", ["Action.Owner"] = "Person", ["Action.DueOn"] = "2026-09-10", ["Action.Version"] = v })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        await Refused("Plan", new() { ["Plan.Title"] = "Plan pour les erreurs", ["Plan.StartedOn"] = "2026-10-01", ["Plan.Version"] = (await VersionAsync(id)).ToString() }, "avant ce début");
        (await LoadPlanAsync(id)).StartedOn.ShouldBe(new DateOnly(2026, 9, 1));
    }

    [Fact]
    public async Task Only_those_who_may_open_the_social_part_of_the_file_reach_a_plan()
    {
        var ct = TestContext.Current.CancellationToken;
        var seeded = await WithDbAsync(app, app.A, db => db.Set<ActionPlan>().Where(p => p.Title == PlansSeed.PlanTitle).Select(p => p.Id).SingleAsync());
        var elodie = await ElodieAsync(app, app.A);
        foreach (var role in Enum.GetValues<Role>())
        {
            var client = await app.SignedInAsync(app.A, role);
            var allowed = role is Role.Manager or Role.SocialWorker;
            var page = await client.GetAsync($"/plans/{seeded}", ct);
            var create = await client.GetAsync($"/personnes/{elodie}/plans/nouveau", ct);
            var api = await client.GetAsync($"/api/action-plans/{seeded}", ct);
            var list = await client.GetAsync($"/api/action-plans?personId={elodie}", ct);
            foreach (var (what, r) in new[] { ("page", page), ("new", create), ("api", api), ("api list", list) })
            {
                if (allowed) r.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} {what}");
                else IsDenied(r).ShouldBeTrue($"{role} {what}: {(int)r.StatusCode}");
            }
            var all = await client.GetAsync("/api/action-plans", ct);
            if (allowed) all.StatusCode.ShouldBe(HttpStatusCode.OK, role.ToString()); else all.StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
        }
        // A denied post changes nothing.
        var reception = await app.SignedInAsync(app.A, Role.Reception);
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var token = await AppFixture.AntiforgeryTokenAsync(reception, "/demarches");
        var post = await reception.PostAsync($"/plans/{seeded}?handler=AddGoal", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["Goal.Title"] = "Intrusion", ["__RequestVerificationToken"] = token }), ct);
        IsDenied(post).ShouldBeTrue();
        (await WithDbAsync(app, app.A, db => db.Set<PlanGoal>().AnyAsync(g => g.Title == "Intrusion"))).ShouldBeFalse();

        // Outside the social worker's teams: refused, though a manager opens it.
        var jean = await OutsideAsync(app, app.A);
        var outside = await WithDbAsync(app, app.A, async db =>
        {
            var plan = new ActionPlan { PersonId = jean, Title = "Plan hors équipe", StartedOn = new DateOnly(2026, 1, 1) };
            db.Add(plan);
            await db.SaveChangesAsync();
            return plan.Id;
        });
        var social = await app.SignedInAsync(app.A, Role.SocialWorker);
        IsDenied(await social.GetAsync($"/plans/{outside}", ct)).ShouldBeTrue();
        IsDenied(await social.GetAsync($"/personnes/{jean}/plans/nouveau", ct)).ShouldBeTrue();
        (await social.GetAsync($"/api/action-plans/{outside}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await social.PostAsJsonAsync("/api/action-plans", new { personId = jean, title = "Intrus", startedOn = "2026-01-01" }, ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await manager.GetAsync($"/plans/{outside}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var mine = await social.GetFromJsonAsync<JsonElement[]>("/api/action-plans", ct);
        mine!.Select(p => p.GetProperty("id").GetGuid()).ShouldNotContain(outside);
        mine!.Select(p => p.GetProperty("id").GetGuid()).ShouldContain(seeded);
        // Another organisation's plan does not exist.
        var planOfB = await WithDbAsync(app, app.B, db => db.Set<ActionPlan>().Select(p => p.Id).FirstAsync());
        (await manager.GetAsync($"/plans/{planOfB}", ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_change_made_meanwhile_by_someone_else_is_shown_and_not_overwritten()
    {
        var social = await app.SignedInAsync(app.A, Role.SocialWorker);
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var id = await CreatePlanAsync(social, "Plan partagé");
        var page = $"/plans/{id}";
        var seen = (await VersionAsync(id)).ToString();
        // The manager changes the plan first.
        (await PostFormAsync(manager, page, $"{page}?handler=Plan", new Dictionary<string, string?> { ["Plan.Title"] = "Plan partagé (direction)", ["Plan.StartedOn"] = "2026-09-01", ["Plan.Status"] = "Active", ["Plan.Version"] = seen }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The social worker sends the version they saw.
        var stale = await PostFormAsync(social, page, $"{page}?handler=Plan", new Dictionary<string, string?> { ["Plan.Title"] = "Plan partagé (travailleur social)", ["Plan.StartedOn"] = "2026-09-01", ["Plan.Status"] = "Active", ["Plan.Version"] = seen });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var html = await HtmlAsync(stale);
        html.QuerySelector(".error-summary")!.TextContent.ShouldContain("modifié par quelqu'un d'autre");
        html.QuerySelector("#plan-Title")!.GetAttribute("value").ShouldBe("Plan partagé (travailleur social)");
        (await LoadPlanAsync(id)).Title.ShouldBe("Plan partagé (direction)");
        // A goal added with the stale version is refused too.
        var goal = await PostFormAsync(social, page, $"{page}?handler=AddGoal", new Dictionary<string, string?> { ["Goal.Title"] = "Objectif en retard de version", ["Goal.Version"] = seen });
        goal.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await LoadPlanAsync(id)).Goals.ShouldBeEmpty();
    }
}
