using OpenCcas.Domain.Partners;
using OpenCcas.Web.Tests.FollowUp;
using static OpenCcas.Web.Tests.FollowUp.InterviewTestKit;

namespace OpenCcas.Web.Tests.Partners;

/// <summary>The partner directory: reading for the desk and social roles, writing with ManagePartners, search, deactivation.</summary>
public sealed class PartnerTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<Guid> SeededAsync() =>
        await QueryAsync(app, app.A, db => db.Set<Partner>().Where(p => p.Name == InterviewSeed.PartnerName).Select(p => p.Id).SingleAsync());

    [Fact]
    public async Task Every_desk_and_social_role_reads_the_directory_and_only_managers_admins_and_social_workers_change_it()
    {
        var ct = TestContext.Current.CancellationToken;
        var partner = await SeededAsync();
        foreach (var role in Enum.GetValues<Role>())
        {
            var client = await app.SignedInAsync(app.A, role);
            var reads = role is Role.Admin or Role.Manager or Role.SocialWorker or Role.Instructor or Role.Reception;
            var writes = role is Role.Admin or Role.Manager or Role.SocialWorker;
            var list = await client.GetAsync("/partenaires", ct);
            var one = await client.GetAsync($"/partenaires/{partner}", ct);
            if (reads)
            {
                list.StatusCode.ShouldBe(HttpStatusCode.OK, role.ToString());
                (await HtmlAsync(list)).Body!.TextContent.ShouldContain(InterviewSeed.PartnerName);
                one.StatusCode.ShouldBe(HttpStatusCode.OK, role.ToString());
                (await client.GetAsync("/api/partners", ct)).StatusCode.ShouldBe(HttpStatusCode.OK, role.ToString());
            }
            else
            {
                IsDenied(list).ShouldBeTrue(role.ToString());
                IsDenied(one).ShouldBeTrue(role.ToString());
                (await client.GetAsync("/api/partners", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            }
            var name = $"Association créée par {role}";
            var created = await PostFormAsync(client, "/partenaires/nouveau", [new("Input.Name", name), new("Input.Kind", "Association"), new("Input.Active", "true")]);
            if (writes) created.StatusCode.ShouldBe(HttpStatusCode.Redirect, role.ToString());
            else IsDenied(created).ShouldBeTrue(role.ToString());
            var apiCreated = await client.PostAsJsonAsync("/api/partners", new { name = name + " (API)", kind = "Landlord" }, ct);
            apiCreated.StatusCode.ShouldBe(writes ? HttpStatusCode.Created : HttpStatusCode.Forbidden, role.ToString());
            (await QueryAsync(app, app.A, db => db.Set<Partner>().CountAsync(p => p.Name.StartsWith(name)))).ShouldBe(writes ? 2 : 0, role.ToString());
        }
    }

    [Fact]
    public async Task Bad_input_search_edit_and_deactivation()
    {
        var ct = TestContext.Current.CancellationToken;
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var duplicate = await PostFormAsync(manager, "/partenaires/nouveau", [new("Input.Name", InterviewSeed.PartnerName), new("Input.Kind", "Caf")]);
        duplicate.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HtmlAsync(duplicate)).QuerySelector(".error-summary")!.TextContent.ShouldContain("Un partenaire porte déjà ce nom.");
        var badMail = await PostFormAsync(manager, "/partenaires/nouveau", [new("Input.Name", "Épicerie solidaire"), new("Input.Email", "pas-un-courriel")]);
        (await HtmlAsync(badMail)).QuerySelector(".error-summary")!.TextContent.ShouldContain("Le courriel n'est pas une adresse valide.");
        (await QueryAsync(app, app.A, db => db.Set<Partner>().CountAsync(p => p.Name == "Épicerie solidaire"))).ShouldBe(0);
        var noName = await manager.PostAsJsonAsync("/api/partners", new { name = "", kind = "Other" }, ct);
        noName.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var created = await PostFormAsync(manager, "/partenaires/nouveau",
            [new("Input.Name", "Épicerie sociale du centre"), new("Input.Kind", "Association"), new("Input.Services", "Aide alimentaire, colis d'urgence"), new("Input.Active", "true")]);
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var id = Guid.Parse(created.Headers.Location!.OriginalString["/partenaires/".Length..]);

        // Search ignores accents and case, by name or by service; by kind.
        string Names(AngleSharp.Html.Dom.IHtmlDocument d) => string.Join("|", d.QuerySelectorAll("tbody td:first-child").Select(c => c.TextContent.Trim()));
        Names(await HtmlAsync(await manager.GetAsync("/partenaires?Search.Q=epicerie", ct))).ShouldContain("Épicerie sociale du centre");
        Names(await HtmlAsync(await manager.GetAsync("/partenaires?Search.Q=ALIMENTAIRE", ct))).ShouldContain("Épicerie sociale du centre");
        var cafs = Names(await HtmlAsync(await manager.GetAsync("/partenaires?Search.Kind=Caf", ct)));
        cafs.ShouldContain(InterviewSeed.PartnerName);
        cafs.ShouldNotContain("Épicerie");
        (await manager.GetFromJsonAsync<JsonElement>("/api/partners?q=colis", ct)).EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldBe(["Épicerie sociale du centre"]);

        // Deactivated: out of the default list and of the referral choices, still on its page.
        (await PostFormAsync(manager, $"/partenaires/{id}?handler=Active", [new("active", "false")])).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        Names(await HtmlAsync(await manager.GetAsync("/partenaires?Search.Q=epicerie", ct))).ShouldNotContain("Épicerie sociale du centre");
        Names(await HtmlAsync(await manager.GetAsync("/partenaires?Search.Q=epicerie&Search.Inactive=true", ct))).ShouldContain("Épicerie sociale du centre");
        var elodie = await ElodieAsync(app, app.A);
        (await HtmlAsync(await manager.GetAsync($"/personnes/{elodie}/orientations/nouvelle", ct))).QuerySelector($"option[value='{id}']").ShouldBeNull();
        var refused = await PostFormAsync(manager, $"/personnes/{elodie}/orientations/nouvelle", [new("Input.PartnerId", id.ToString()), new("Input.Reason", "x")]);
        (await HtmlAsync(refused)).QuerySelector(".error-summary")!.TextContent.ShouldContain("Choisissez un partenaire actif");
        var reception = await app.SignedInAsync(app.A, Role.Reception);
        IsDenied(await PostFormAsync(reception, $"/partenaires/{id}?handler=Active", [new("active", "true")])).ShouldBeTrue();

        // Edit through the API with the version; a stale version is a conflict.
        var dto = await manager.GetFromJsonAsync<JsonElement>($"/api/partners/{id}", ct);
        var put = await manager.PutAsJsonAsync($"/api/partners/{id}", new { name = "Épicerie sociale du centre", kind = "Association", phone = "03 80 00 00 00", active = true, version = dto.GetProperty("version").GetInt32() }, ct);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync(ct));
        (await manager.PutAsJsonAsync($"/api/partners/{id}", new { name = "Épicerie sociale du centre", kind = "Association", version = dto.GetProperty("version").GetInt32() }, ct))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_partner_page_counts_referrals_and_names_people_only_for_those_who_may_open_their_file()
    {
        var ct = TestContext.Current.CancellationToken;
        var partner = await SeededAsync();
        var worker = await app.SignedInAsync(app.A, Role.SocialWorker);
        var elodie = await ElodieAsync(app, app.A);
        var recorded = await PostFormAsync(worker, $"/personnes/{elodie}/orientations/nouvelle", [new("Input.PartnerId", partner.ToString()), new("Input.Reason", "Dossier prime d'activité")]);
        recorded.StatusCode.ShouldBe(HttpStatusCode.Redirect, await recorded.Content.ReadAsStringAsync(ct));
        var count = await QueryAsync(app, app.A, db => db.Set<OpenCcas.Domain.FollowUp.Referral>().CountAsync(r => r.PartnerId == partner));
        count.ShouldBeGreaterThanOrEqualTo(2);

        var workerPage = (await HtmlAsync(await worker.GetAsync($"/partenaires/{partner}", ct))).Body!.TextContent;
        workerPage.ShouldContain($"{count} orientation(s)");
        workerPage.ShouldContain("MARTIN Élodie");
        workerPage.ShouldContain("Dossier prime d'activité");
        foreach (var role in new[] { Role.Reception, Role.Instructor })
        {
            var page = (await HtmlAsync(await (await app.SignedInAsync(app.A, role)).GetAsync($"/partenaires/{partner}", ct))).Body!.TextContent;
            page.ShouldContain($"{count} orientation(s)");
            page.ShouldNotContain("MARTIN", Case.Sensitive);
            page.ShouldNotContain("Dossier prime d'activité");
        }
        var api = await (await app.SignedInAsync(app.A, Role.Reception)).GetFromJsonAsync<JsonElement>($"/api/partners/{partner}", ct);
        api.GetProperty("referrals").GetInt32().ShouldBe(count);

        // Referrals API: the social worker lists and records; reception is refused.
        var token = app.BearerClient((await AppFixture.CreateTokenAsync(worker, Role.SocialWorker)).Secret);
        (await token.GetFromJsonAsync<JsonElement>($"/api/referrals?personId={elodie}", ct)).GetArrayLength().ShouldBe(count);
        var posted = await token.PostAsJsonAsync("/api/referrals", new { personId = elodie, partnerId = partner, reason = "API" }, ct);
        posted.StatusCode.ShouldBe(HttpStatusCode.Created, await posted.Content.ReadAsStringAsync(ct));
        var reception = await app.SignedInAsync(app.A, Role.Reception);
        (await reception.GetAsync($"/api/referrals?personId={elodie}", ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await reception.PostAsJsonAsync("/api/referrals", new { personId = elodie, partnerId = partner }, ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
