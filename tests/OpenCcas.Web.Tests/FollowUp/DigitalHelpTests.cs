using OpenCcas.Domain.FollowUp;
using static OpenCcas.Web.Tests.FollowUp.PlanTestHelpers;

namespace OpenCcas.Web.Tests.FollowUp;

/// <summary>Digital help: quick entry of online procedures at the desk, counts by organism, the person-file panel, the API.</summary>
public sealed class DigitalHelpTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_desk_records_procedures_in_a_few_fields_and_sees_the_counts_by_organism()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInAsync(app.A, Role.Reception);
        var elodie = await ElodieAsync(app, app.A);
        // The person is picked through the name search; an anonymous procedure needs no person.
        var found = Html(await client.GetStringAsync("/demarches?personne=martin%20elo", ct));
        found.QuerySelector("[aria-label='Personnes trouvées']")!.TextContent.ShouldContain("MARTIN Élodie");
        var form = Html(await client.GetStringAsync($"/demarches?personId={elodie}", ct));
        form.QuerySelector("input[name='Input.PersonId']")!.GetAttribute("value").ShouldBe(elodie.ToString());
        form.QuerySelector("select[name='Input.SiteId'] option[selected]").ShouldNotBeNull();

        var before = await WithDbAsync(app, app.A, db => db.Set<OnlineProcedure>().CountAsync());
        async Task Record(string organism, string help, Guid? person, string? description = null)
        {
            var r = await PostFormAsync(client, "/demarches", "/demarches", new Dictionary<string, string?>
            {
                ["Input.Organism"] = organism, ["Input.Help"] = help, ["Input.SiteId"] = app.A.SiteIds[0].ToString(),
                ["Input.PersonId"] = person?.ToString(), ["Input.Description"] = description,
            });
            r.StatusCode.ShouldBe(HttpStatusCode.Redirect, await r.Content.ReadAsStringAsync(ct));
        }
        await Record("Caf", "Accompanied", elodie, "Demande de prime d'activité");
        await Record("Caf", "DoneForPerson", null);
        await Record("Cpam", "SelfService", null);
        var rows = await WithDbAsync(app, app.A, db => db.Set<OnlineProcedure>().OrderByDescending(p => p.At).Take(3).ToListAsync());
        (await WithDbAsync(app, app.A, db => db.Set<OnlineProcedure>().CountAsync())).ShouldBe(before + 3);
        rows.ShouldAllBe(p => p.AgentId == app.A.UserIds[Role.Reception] && p.SiteId == app.A.SiteIds[0]);
        rows.ShouldContain(p => p.PersonId == elodie && p.Organism == ProcedureOrganism.Caf && p.Help == ProcedureHelp.Accompanied);
        (DateTimeOffset.UtcNow - rows[0].At).ShouldBeLessThan(TimeSpan.FromMinutes(5), "the date defaults to now");

        // Today's counts: 2 CAF, 1 CPAM (the seeded procedure is in March, not today).
        var page = Html(await client.GetStringAsync("/demarches", ct));
        var counts = page.QuerySelectorAll("caption").First(c => c.TextContent.Contains("par organisme")).ParentElement!;
        counts.QuerySelectorAll("tbody tr").Select(r => string.Join(" ", r.Children.Select(c => c.TextContent.Trim()))).ShouldBe(["CAF 2", "CPAM 1"], ignoreOrder: false, customMessage: counts.TextContent);
        page.QuerySelector("#liste-titre")!.TextContent.ShouldContain(": 3");
        var api = await client.GetFromJsonAsync<JsonElement[]>("/api/online-procedures/counts", ct);
        api!.Single(c => c.GetProperty("organism").GetString() == "Caf").GetProperty("procedures").GetInt32().ShouldBe(2);
        // The default site is now the one last used by this agent.
        Html(await client.GetStringAsync("/demarches", ct)).QuerySelector("select[name='Input.SiteId'] option[selected]")!.GetAttribute("value").ShouldBe(app.A.SiteIds[0].ToString());
        // The procedure is audited.
        (await WithDbAsync(app, app.A, db => db.AuditEntries.CountAsync(e => e.EntityType == "OnlineProcedure" && e.Action == Domain.Audit.AuditAction.Create)))
            .ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Bad_input_gets_a_french_message_and_nothing_is_saved()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInAsync(app.A, Role.Instructor);
        var before = await WithDbAsync(app, app.A, db => db.Set<OnlineProcedure>().CountAsync());
        async Task Refused(Dictionary<string, string?> fields, string message)
        {
            var r = await PostFormAsync(client, "/demarches", "/demarches", fields);
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await HtmlAsync(r)).QuerySelector(".error-summary")!.TextContent.ShouldContain(message);
        }
        await Refused(new() { ["Input.Help"] = "Accompanied", ["Input.SiteId"] = app.A.SiteIds[0].ToString() }, "Choisissez l'organisme de la démarche.");
        await Refused(new() { ["Input.Organism"] = "Caf", ["Input.Help"] = "Accompanied", ["Input.SiteId"] = app.A.SiteIds[0].ToString(), ["Input.Date"] = "2099-01-01" }, "ne peut pas être datée dans le futur");
        await Refused(new() { ["Input.Organism"] = "Caf", ["Input.Help"] = "Accompanied", ["Input.SiteId"] = app.B.SiteIds[0].ToString() }, "Le site choisi n'existe pas dans votre organisation.");
        var api = await client.PostAsJsonAsync("/api/online-procedures", new { organism = "Caf", siteId = app.A.SiteIds[0] }, ct);
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadAsStringAsync(ct)).ShouldContain("Choisissez le type d'aide apportée.");
        (await WithDbAsync(app, app.A, db => db.Set<OnlineProcedure>().CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Roles_and_the_person_file_panel_follow_the_access_rules()
    {
        var ct = TestContext.Current.CancellationToken;
        var elodie = await ElodieAsync(app, app.A);
        var jean = await OutsideAsync(app, app.A);
        var seeded = await WithDbAsync(app, app.A, db => db.Set<OnlineProcedure>().Where(p => p.PersonId == elodie).Select(p => p.Id).FirstAsync());
        foreach (var role in Enum.GetValues<Role>())
        {
            var client = await app.SignedInAsync(app.A, role);
            var allowed = role is Role.Manager or Role.SocialWorker or Role.Instructor or Role.Reception;
            foreach (var path in new[] { "/demarches", "/api/online-procedures", "/api/online-procedures/counts", $"/api/online-procedures/{seeded}" })
            {
                var r = await client.GetAsync(path, ct);
                if (allowed) r.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} {path}"); else IsDenied(r).ShouldBeTrue($"{role} {path}");
            }
        }
        // The social worker may not record a procedure for someone outside their teams, nor list theirs.
        var social = await app.SignedInAsync(app.A, Role.SocialWorker);
        (await social.PostAsJsonAsync("/api/online-procedures", new { organism = "Msa", help = "Accompanied", siteId = app.A.SiteIds[0], personId = jean }, ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await social.GetAsync($"/api/online-procedures?personId={jean}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await WithDbAsync(app, app.A, db => db.Set<OnlineProcedure>().AnyAsync(p => p.PersonId == jean))).ShouldBeFalse();

        // Reception sees the procedures on the identity part, but not the description written by someone else
        // (which may say more about resources); the social worker reads it.
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var created = await manager.PostAsJsonAsync("/api/online-procedures", new { organism = "Taxes", help = "DoneForPerson", siteId = app.A.SiteIds[0], personId = elodie, description = "Déclaration de revenus" }, ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var reception = await app.SignedInAsync(app.A, Role.Reception);
        var list = await reception.GetFromJsonAsync<JsonElement[]>($"/api/online-procedures?personId={elodie}", ct);
        var taxes = list!.Single(p => p.GetProperty("organism").GetString() == "Taxes");
        taxes.GetProperty("description").ValueKind.ShouldBe(JsonValueKind.Null);
        // ...its own description it reads (the seeded CAF procedure was recorded by reception).
        list!.Single(p => p.GetProperty("id").GetGuid() == seeded).GetProperty("description").GetString().ShouldBe("Actualisation trimestrielle RSA");
        var bySocial = await social.GetFromJsonAsync<JsonElement[]>($"/api/online-procedures?personId={elodie}", ct);
        bySocial!.Single(p => p.GetProperty("organism").GetString() == "Taxes").GetProperty("description").GetString().ShouldBe("Déclaration de revenus");
        // Deleting: the author or a manager only.
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
        (await reception.DeleteAsync($"/api/online-procedures/{id}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await manager.DeleteAsync($"/api/online-procedures/{id}", ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var ofB = await WithDbAsync(app, app.B, db => db.Set<OnlineProcedure>().Select(p => p.Id).FirstAsync());
        (await manager.GetAsync($"/api/online-procedures/{ofB}", ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_panels_are_registered_for_the_person_file()
    {
        var sections = OpenCcas.Web.People.PersonFileSections.All;
        sections.ShouldContain(s => s.Title == "Plans d'accompagnement" && s.Part == FilePart.Social && s.Order == 40);
        sections.ShouldContain(s => s.Title == "Démarches en ligne" && s.Part == FilePart.Identity);
        // The plans panel lists the seeded plan (the person file page that hosts the panels is built by the People module).
        var elodie = await ElodieAsync(app, app.A);
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await OpenCcas.Web.FollowUp.Plans.ActionPlans.OfPersonAsync(db, elodie)).ShouldContain(p => p.Title == PlansSeed.PlanTitle);
    }
}
