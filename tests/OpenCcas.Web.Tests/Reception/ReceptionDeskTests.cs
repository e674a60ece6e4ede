using OpenCcas.Domain.Reception;
using static OpenCcas.Web.Tests.Reception.ReceptionTestData;

namespace OpenCcas.Web.Tests.Reception;

/// <summary>The reception log: quick entry (page and API), the person picker, the reasons list and its settings, who may do what.</summary>
public sealed class ReceptionDeskTests(AppFixture app) : IClassFixture<AppFixture>
{
    private async Task<Guid> FirstReasonAsync(SeededOrganisation org) =>
        await WithDbAsync(app, org, db => db.Set<ReceptionReason>().Where(r => r.Active).OrderBy(r => r.SortOrder).Select(r => r.Id).FirstAsync());

    [Fact]
    public async Task An_anonymous_phone_call_is_recorded_in_one_post_and_shows_first_in_todays_list()
    {
        var client = await app.SignedInAsync(app.A, Role.Reception);
        var reason = await FirstReasonAsync(app.A);
        var page = await PageAsync(client, "/accueil");
        page.QuerySelector("select[name='Input.ReasonId']")!.HasAttribute("autofocus").ShouldBeTrue();
        page.QuerySelector("input[name='Input.Channel'][value=Visit]")!.HasAttribute("checked").ShouldBeTrue();
        page.QuerySelector("input[name='Input.Channel'][value=Phone]")!.GetAttribute("accesskey").ShouldBe("t");

        var response = await PostFormAsync(client, "/accueil", "/accueil", new()
        {
            ["Input.ReasonId"] = reason.ToString(), ["Input.Channel"] = "Phone", ["Input.Outcome"] = "Referral",
            ["Input.SiteId"] = app.A.SiteIds[1].ToString(), ["Input.Comment"] = "Appel anonyme de test",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("openccas-accueil-site=" + app.A.SiteIds[1]));

        var visit = await WithDbAsync(app, app.A, db => db.Set<ReceptionVisit>().SingleAsync(v => v.Comment == "Appel anonyme de test"));
        visit.PersonId.ShouldBeNull();
        visit.Channel.ShouldBe(ContactChannel.Phone);
        visit.Outcome.ShouldBe(ReceptionOutcome.Referral);
        visit.AgentId.ShouldBe(app.A.UserIds[Role.Reception]);

        // The site is remembered (cookie) and the entry tops today's list at that site.
        var after = await PageAsync(client, "/accueil");
        after.QuerySelector("select[name='Input.SiteId'] option[selected]")!.GetAttribute("value").ShouldBe(app.A.SiteIds[1].ToString());
        var first = after.QuerySelector("#passages-du-jour tbody tr")!.TextContent;
        first.ShouldContain("Téléphone");
        first.ShouldContain("anonyme");
        first.ShouldContain("Orientation");
        first.ShouldContain("Appel anonyme de test");
    }

    [Fact]
    public async Task A_visit_for_a_person_picked_by_name_is_recorded_without_javascript()
    {
        var client = await app.SignedInAsync(app.A, Role.SocialWorker);
        var reason = await FirstReasonAsync(app.A);
        var elodie = await ElodieAsync(app, app.A);
        // Typing a name and pressing Enter (the save button) shows the matches instead of saving anonymously.
        var search = await PostFormAsync(client, "/accueil", "/accueil", new()
        {
            ["Input.ReasonId"] = reason.ToString(), ["Input.Channel"] = "Visit", ["Input.Outcome"] = "Information",
            ["Input.SiteId"] = app.A.SiteIds[0].ToString(), ["PersonQuery"] = "mart elo", ["Input.Comment"] = "Visite de Mme Martin",
        });
        search.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await search.Content.ReadAsStringAsync();
        html.ShouldContain("Choisissez la personne dans la liste");
        html.ShouldContain($"value=\"{elodie}\"");
        (await WithDbAsync(app, app.A, db => db.Set<ReceptionVisit>().CountAsync(v => v.Comment == "Visite de Mme Martin"))).ShouldBe(0);

        // The picker finds only files the user may open: not Jean HORS-ÉQUIPE for this social worker.
        var outside = await client.GetStringAsync("/accueil?handler=People&personQuery=hors");
        outside.ShouldContain("Aucune personne trouvée");
        var byNumber = await client.GetStringAsync("/accueil?handler=People&personQuery=1");
        byNumber.ShouldContain("Élodie");

        var saved = await PostFormAsync(client, "/accueil", "/accueil", new()
        {
            ["Input.ReasonId"] = reason.ToString(), ["Input.Channel"] = "Visit", ["Input.Outcome"] = "AppointmentGiven",
            ["Input.SiteId"] = app.A.SiteIds[0].ToString(), ["PersonQuery"] = "mart elo", ["Input.PersonId"] = elodie.ToString(), ["Input.Comment"] = "Visite de Mme Martin",
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WithDbAsync(app, app.A, db => db.Set<ReceptionVisit>().SingleAsync(v => v.Comment == "Visite de Mme Martin"))).PersonId.ShouldBe(elodie);
        (await client.GetStringAsync($"/accueil?site={app.A.SiteIds[0]}")).ShouldContain("MARTIN Élodie");
    }

    [Fact]
    public async Task A_contact_for_a_person_outside_the_users_reach_is_refused_and_nothing_is_saved()
    {
        var client = await app.SignedInAsync(app.A, Role.SocialWorker);
        var jean = await JeanAsync(app, app.A);
        var reason = await FirstReasonAsync(app.A);
        var page = await PostFormAsync(client, "/accueil", "/accueil", new()
        {
            ["Input.ReasonId"] = reason.ToString(), ["Input.Channel"] = "Visit", ["Input.Outcome"] = "Information",
            ["Input.SiteId"] = app.A.SiteIds[0].ToString(), ["Input.PersonId"] = jean.ToString(), ["Input.Comment"] = "hors portée",
        });
        IsAccessDenied(page).ShouldBeTrue(page.StatusCode.ToString());
        var api = await client.PostAsJsonAsync("/api/reception-visits", new { siteId = app.A.SiteIds[0], channel = "Visit", reasonId = reason, personId = jean, outcome = "Information", comment = "hors portée" });
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await WithDbAsync(app, app.A, db => db.Set<ReceptionVisit>().CountAsync(v => v.Comment == "hors portée"))).ShouldBe(0);
    }

    [Fact]
    public async Task Missing_reason_or_unknown_site_is_refused_in_French()
    {
        var client = await app.SignedInAsync(app.A, Role.Reception);
        var page = await PostFormAsync(client, "/accueil", "/accueil", new()
        {
            ["Input.Channel"] = "Visit", ["Input.Outcome"] = "Information", ["Input.SiteId"] = app.A.SiteIds[0].ToString(), ["Input.Comment"] = "sans motif",
        });
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("Le motif est obligatoire.");
        var api = await client.PostAsJsonAsync("/api/reception-visits", new { siteId = app.B.SiteIds[0], channel = "Visit", reasonId = await FirstReasonAsync(app.A), outcome = "Information", comment = "sans motif" });
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadAsStringAsync()).ShouldContain("Ce site n'existe pas.");
        (await WithDbAsync(app, app.A, db => db.Set<ReceptionVisit>().CountAsync(v => v.Comment == "sans motif"))).ShouldBe(0);
    }

    [Fact]
    public async Task The_api_records_and_lists_the_days_contacts_by_site()
    {
        var (_, secret) = await AppFixture.CreateTokenAsync(await app.SignedInAsync(app.A, Role.Reception), Role.Reception);
        var api = app.BearerClient(secret);
        var reason = await FirstReasonAsync(app.A);
        var created = await api.PostAsJsonAsync("/api/reception-visits", new { siteId = app.A.SiteIds[0], channel = "Email", reasonId = reason, outcome = "ProcedureDone", comment = "courriel API" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var dto = await created.Content.ReadFromJsonAsync<JsonElement>();
        dto.GetProperty("channel").GetString().ShouldBe("Email");
        dto.GetProperty("personId").ValueKind.ShouldBe(JsonValueKind.Null);
        var one = await api.GetFromJsonAsync<JsonElement>(created.Headers.Location!.OriginalString);
        one.GetProperty("comment").GetString().ShouldBe("courriel API");

        var today = ParisTime.Today(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd");
        var atSite = await api.GetFromJsonAsync<JsonElement[]>($"/api/reception-visits?siteId={app.A.SiteIds[0]}&day={today}");
        atSite!.ShouldContain(v => v.GetProperty("comment").GetString() == "courriel API");
        var otherSite = await api.GetFromJsonAsync<JsonElement[]>($"/api/reception-visits?siteId={app.A.SiteIds[1]}&day={today}");
        otherSite!.ShouldNotContain(v => v.GetProperty("comment").GetString() == "courriel API");
        var yesterday = await api.GetFromJsonAsync<JsonElement[]>($"/api/reception-visits?siteId={app.A.SiteIds[0]}&day={ParisTime.Today(DateTimeOffset.UtcNow).AddDays(-1):yyyy-MM-dd}");
        yesterday!.ShouldNotContain(v => v.GetProperty("comment").GetString() == "courriel API");
    }

    [Fact]
    public async Task A_new_organisation_gets_the_default_reasons_when_the_desk_is_first_opened()
    {
        var org = await app.SeedOrganisationAsync("Organisation motifs", "motifs-" + Guid.NewGuid().ToString("N")[..6] + ".test");
        // The module seed already created them; start again from an empty list.
        await WithDbAsync(app, org, async db =>
        {
            await db.Set<ReceptionVisit>().ExecuteDeleteAsync();
            return await db.Set<ReceptionReason>().ExecuteDeleteAsync();
        });
        var client = await app.SignInNewClientAsync(org.Email(Role.Reception));
        var page = await PageAsync(client, "/accueil");
        var options = page.QuerySelectorAll("select[name='Input.ReasonId'] option").Select(o => o.TextContent.Trim()).ToList();
        options.ShouldBe(ReceptionDefaults.Reasons);
        (await WithDbAsync(app, org, db => db.Set<ReceptionReason>().CountAsync())).ShouldBe(10);
        // Opening again does not duplicate them.
        await PageAsync(client, "/accueil");
        (await WithDbAsync(app, org, db => db.Set<ReceptionReason>().CountAsync())).ShouldBe(10);
    }

    [Fact]
    public async Task A_manager_adds_renames_reorders_and_deactivates_reasons_on_the_settings_page()
    {
        var org = await app.SeedOrganisationAsync("Organisation réglages", "reglages-" + Guid.NewGuid().ToString("N")[..6] + ".test");
        var client = await app.SignInNewClientAsync(org.Email(Role.Manager));
        var add = await PostFormAsync(client, "/accueil/motifs", "/accueil/motifs?handler=Add", new() { ["Input.Label"] = "Transport" });
        add.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var duplicate = await PostFormAsync(client, "/accueil/motifs", "/accueil/motifs?handler=Add", new() { ["Input.Label"] = "Transport" });
        (await duplicate.Content.ReadAsStringAsync()).ShouldContain("Un motif porte déjà ce libellé.");
        var empty = await PostFormAsync(client, "/accueil/motifs", "/accueil/motifs?handler=Add", new() { ["Input.Label"] = "" });
        (await empty.Content.ReadAsStringAsync()).ShouldContain("Le libellé est obligatoire.");

        var transport = await WithDbAsync(app, org, db => db.Set<ReceptionReason>().SingleAsync(r => r.Label == "Transport"));
        var renamed = await PostFormAsync(client, "/accueil/motifs", $"/accueil/motifs/?handler=Rename&id={transport.Id}", new() { ["label"] = "Mobilité", ["version"] = transport.Version.ToString() });
        renamed.StatusCode.ShouldBe(HttpStatusCode.Redirect, await renamed.Content.ReadAsStringAsync());
        var stale = await PostFormAsync(client, "/accueil/motifs", $"/accueil/motifs?handler=Rename&id={transport.Id}", new() { ["label"] = "Déplacements", ["version"] = transport.Version.ToString() });
        System.Net.WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()).ShouldContain("modifié par quelqu'un d'autre");

        var up = await PostFormAsync(client, "/accueil/motifs", $"/accueil/motifs?handler=Move&id={transport.Id}", new() { ["direction"] = "-1" });
        up.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var list = await WithDbAsync(app, org, db => db.Set<ReceptionReason>().OrderBy(r => r.SortOrder).Select(r => r.Label).ToListAsync());
        list[^2].ShouldBe("Mobilité");
        list[^1].ShouldBe("Autre");

        var current = await WithDbAsync(app, org, db => db.Set<ReceptionReason>().SingleAsync(r => r.Label == "Mobilité"));
        var off = await PostFormAsync(client, "/accueil/motifs", $"/accueil/motifs?handler=Toggle&id={current.Id}", new() { ["version"] = current.Version.ToString() });
        off.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WithDbAsync(app, org, db => db.Set<ReceptionReason>().SingleAsync(r => r.Id == current.Id))).Active.ShouldBeFalse();
        var desk = await PageAsync(await app.SignInNewClientAsync(org.Email(Role.Reception)), "/accueil");
        desk.QuerySelectorAll("select[name='Input.ReasonId'] option").Select(o => o.TextContent.Trim()).ShouldNotContain("Mobilité");
    }

    [Fact]
    public async Task The_reasons_api_creates_renames_and_deactivates()
    {
        var (_, secret) = await AppFixture.CreateTokenAsync(await app.SignedInAsync(app.A, Role.Admin), Role.Admin);
        var api = app.BearerClient(secret);
        var created = await api.PostAsJsonAsync("/api/reception-reasons", new { label = "Culture et loisirs", active = true });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var dto = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = dto.GetProperty("id").GetGuid();
        var put = await api.PutAsJsonAsync($"/api/reception-reasons/{id}", new { label = "Culture", active = false, version = dto.GetProperty("version").GetInt32() });
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var stale = await api.PutAsJsonAsync($"/api/reception-reasons/{id}", new { label = "Loisirs", active = false, version = dto.GetProperty("version").GetInt32() });
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var bad = await api.PostAsJsonAsync("/api/reception-reasons", new { label = "", active = true });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Le libellé est obligatoire.");
        var all = await api.GetFromJsonAsync<JsonElement[]>("/api/reception-reasons");
        all!.ShouldContain(r => r.GetProperty("label").GetString() == "Culture" && !r.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Each_role_gets_the_desk_and_the_settings_or_access_denied()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var role in AllRoles)
        {
            var client = await app.SignedInAsync(app.A, role);
            var desk = await client.GetAsync("/accueil", ct);
            if (DeskRoles.Contains(role)) desk.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} /accueil");
            else IsAccessDenied(desk).ShouldBeTrue($"{role} /accueil: {desk.StatusCode}");

            var settings = await client.GetAsync("/accueil/motifs", ct);
            if (role is Role.Admin or Role.Manager) settings.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} /accueil/motifs");
            else IsAccessDenied(settings).ShouldBeTrue($"{role} /accueil/motifs: {settings.StatusCode}");

            var visits = await client.GetAsync("/api/reception-visits", ct);
            visits.StatusCode.ShouldBe(DeskRoles.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{role} GET /api/reception-visits");
            var post = await client.PostAsJsonAsync("/api/reception-reasons", new { label = $"Motif de {role}", active = true }, ct);
            post.StatusCode.ShouldBe(role is Role.Admin or Role.Manager ? HttpStatusCode.Created : HttpStatusCode.Forbidden, $"{role} POST /api/reception-reasons");
            var reasons = await client.GetAsync("/api/reception-reasons", ct);
            reasons.StatusCode.ShouldBe(DeskRoles.Contains(role) || role == Role.Admin ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{role} GET /api/reception-reasons");
        }
    }

    [Fact]
    public async Task The_header_shows_Accueil_and_Rendez_vous_to_desk_roles_only()
    {
        foreach (var role in AllRoles)
        {
            var page = await PageAsync(await app.SignedInAsync(app.A, role), "/");
            var links = page.QuerySelectorAll("nav[aria-label=Modules] a").Select(a => a.GetAttribute("href")).ToList();
            links.Contains("/accueil").ShouldBe(DeskRoles.Contains(role), role.ToString());
            links.Contains("/rendez-vous").ShouldBe(DeskRoles.Contains(role), role.ToString());
        }
    }
}
