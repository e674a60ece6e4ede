using OpenCcas.Domain.Audit;
using OpenCcas.Domain.People;
using static OpenCcas.Domain.Platform.Role;
using static OpenCcas.Web.Tests.People.FilesHelpers;

namespace OpenCcas.Web.Tests.People;

/// <summary>Households: members and history, one household at a time, budget per consumption unit — pages and API.</summary>
public sealed class HouseholdTests(AppFixture app) : IClassFixture<AppFixture>
{
    private Task<Guid> MartinHouseholdAsync() =>
        QueryAsync(app, db => db.Set<Household>().Where(h => h.Name == "Foyer MARTIN").Select(h => h.Id).SingleAsync(Ct));

    [Fact]
    public async Task The_household_page_sums_resources_and_charges_and_divides_by_oecd_units()
    {
        var id = await MartinHouseholdAsync();
        var client = await app.SignedInAsync(app.A, SocialWorker);
        var response = await client.GetAsync($"/menages/{id}", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await HtmlAsync(response);
        doc.QuerySelector("h1")!.TextContent.ShouldContain("Foyer MARTIN");
        var text = doc.Body!.TextContent;
        // Élodie (adult) 1 + Lucas (under 14) 0.3 = 1.3 UC; (646.52 − 420) / 1.3 = 174.25.
        text.ShouldContain("1,3 UC");
        text.ShouldContain("646,52 €");
        text.ShouldContain("420,00 €");
        text.ShouldContain("174,25 €");
        doc.QuerySelectorAll("table caption").Select(c => c.TextContent).ShouldContain("Membres actuels du ménage");

        var json = await client.GetFromJsonAsync<JsonElement>($"/api/households/{id}", Ct);
        json.GetProperty("persons").GetInt32().ShouldBe(2);
        json.GetProperty("consumptionUnits").GetDecimal().ShouldBe(1.3m);
        json.GetProperty("monthlyResources").GetDecimal().ShouldBe(646.52m);
        json.GetProperty("monthlyCharges").GetDecimal().ShouldBe(420m);
        json.GetProperty("disposableIncomePerUnit").GetDecimal().ShouldBe(174.25m);
    }

    [Fact]
    public async Task Who_may_see_a_household_follows_the_household_part_of_its_members_files()
    {
        var id = await MartinHouseholdAsync();
        foreach (var role in new[] { Manager, SocialWorker, Instructor })
            (await (await app.SignedInAsync(app.A, role)).GetAsync($"/menages/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK, role.ToString());
        foreach (var role in new[] { Role.Reception, Volunteer, CommissionMember, StatsReader, Admin })
        {
            var client = await app.SignedInAsync(app.A, role);
            IsDenied(await client.GetAsync($"/menages/{id}", Ct)).ShouldBeTrue(role.ToString());
            (await client.GetAsync($"/api/households/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
        }
        // The instructor sees the budget (resources part); the API hides it from nobody who may open it.
        var instructor = await app.SignedInAsync(app.A, Instructor);
        (await instructor.GetFromJsonAsync<JsonElement>($"/api/households/{id}", Ct)).GetProperty("monthlyResources").GetDecimal().ShouldBe(646.52m);
    }

    [Fact]
    public async Task A_person_in_a_household_cannot_join_a_second_one_until_they_leave()
    {
        var client = await app.SignedInAsync(app.A, SocialWorker);
        var martin = await MartinAsync(app);
        var first = await NewPersonAsync(app, client, "Bernard", "Alice", "1970-02-02");
        var created = await client.PostAsJsonAsync("/api/households", new { name = "Foyer BERNARD", personId = first, joinedOn = "2025-01-10" }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var household = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var before = await QueryAsync(app, db => db.Set<HouseholdMember>().CountAsync(Ct));

        // API: a clear French message, nothing saved.
        var api = await client.PostAsJsonAsync($"/api/households/{household}/members", new { personId = martin, role = "Partner" }, Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadAsStringAsync(Ct)).ShouldContain("Cette personne fait déjà partie du ménage « Foyer MARTIN » depuis le 01/01/2024");

        // Page: the same message.
        var response = await PostFormAsync(client, $"/menages/{household}", $"/menages/{household}?handler=Add", new Dictionary<string, string>
        {
            ["Member.PersonId"] = martin.ToString(), ["Member.Role"] = "Partner", ["Member.JoinedOn"] = "2025-02-01",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HtmlAsync(response)).QuerySelector(".error-summary")!.TextContent.ShouldContain("indiquez d'abord sa date de départ");
        (await QueryAsync(app, db => db.Set<HouseholdMember>().CountAsync(Ct))).ShouldBe(before);

        // The database says the same if a write ever slipped past the check.
        await Should.ThrowAsync<DbUpdateException>(async () =>
        {
            using var scope = app.ScopeFor(app.A.Id);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Add(new HouseholdMember { HouseholdId = household, PersonId = martin, Role = HouseholdRole.Partner, JoinedOn = new DateOnly(2025, 2, 1) });
            await db.SaveChangesAsync(Ct);
        });

        // A new person joins, changes role, then leaves; they can then join again elsewhere, the history kept.
        var second = await NewPersonAsync(app, client, "Bernard", "Hugo", "2016-09-09");
        response = await PostFormAsync(client, $"/menages/{household}", $"/menages/{household}?handler=Add", new Dictionary<string, string>
        {
            ["Member.PersonId"] = second.ToString(), ["Member.Role"] = "Child", ["Member.Dependant"] = "true", ["Member.JoinedOn"] = "2025-01-10",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var member = await QueryAsync(app, db => db.Set<HouseholdMember>().SingleAsync(m => m.PersonId == second, Ct));
        (member.Role, member.Dependant).ShouldBe((HouseholdRole.Child, true));
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/households/{household}", Ct);
        view.GetProperty("consumptionUnits").GetDecimal().ShouldBe(1.3m);

        (await PostFormAsync(client, $"/menages/{household}", $"/menages/{household}?handler=Role", new Dictionary<string, string>
        {
            ["MemberId"] = member.Id.ToString(), ["RoleInput.Role"] = "Grandchild",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await QueryAsync(app, db => db.Set<HouseholdMember>().SingleAsync(m => m.Id == member.Id, Ct))).Role.ShouldBe(HouseholdRole.Grandchild);

        response = await PostFormAsync(client, $"/menages/{household}", $"/menages/{household}?handler=Leave", new Dictionary<string, string>
        {
            ["MemberId"] = member.Id.ToString(), ["Leave.LeftOn"] = "2024-12-31",
        });
        (await HtmlAsync(response)).QuerySelector(".error-summary")!.TextContent.ShouldContain("ne peut pas précéder la date d'arrivée");
        (await PostFormAsync(client, $"/menages/{household}", $"/menages/{household}?handler=Leave", new Dictionary<string, string>
        {
            ["MemberId"] = member.Id.ToString(), ["Leave.LeftOn"] = "2025-06-30",
        })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var doc = await HtmlAsync(await client.GetAsync($"/menages/{household}", Ct));
        doc.QuerySelector("#historique-titre").ShouldNotBeNull();
        doc.Body!.TextContent.ShouldContain("30/06/2025");
        view = await client.GetFromJsonAsync<JsonElement>($"/api/households/{household}", Ct);
        view.GetProperty("persons").GetInt32().ShouldBe(1);
        view.GetProperty("formerMembers").GetArrayLength().ShouldBe(1);

        // Now free: a household of their own, from their file's household page.
        response = await PostFormAsync(client, $"/personnes/{second}/menage", $"/personnes/{second}/menage?handler=Create", new Dictionary<string, string>
        {
            ["Name"] = "Foyer HUGO", ["Member.JoinedOn"] = "2025-07-01",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await HtmlAsync(response)).QuerySelector(".error-summary")?.TextContent);
        (await QueryAsync(app, db => db.Set<HouseholdMember>().CountAsync(m => m.PersonId == second, Ct))).ShouldBe(2);
        (await QueryAsync(app, db => db.Set<Person>().SingleAsync(p => p.Id == second, Ct))).LastOperationAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task A_person_outside_the_users_reach_cannot_be_added_and_a_new_person_can_be_created_into_the_household()
    {
        var client = await app.SignedInAsync(app.A, SocialWorker);
        var outside = await OutsideAsync(app);
        var first = await NewPersonAsync(app, client, "Petit", "Jeanne", "1960-03-03");
        var created = await client.PostAsJsonAsync("/api/households", new { name = "Foyer PETIT", personId = first }, Ct);
        var household = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        (await client.PostAsJsonAsync($"/api/households/{household}/members", new { personId = outside, role = "Partner" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Searching among openable files only.
        var doc = await HtmlAsync(await client.GetAsync($"/menages/{household}?Q=hors", Ct));
        doc.Body!.TextContent.ShouldContain("Aucune personne trouvée");

        // A new person created from the household page joins it.
        var response = await PostFormAsync(client, $"/personnes/nouveau?menage={household}", $"/personnes/nouveau?menage={household}", new Dictionary<string, string>
        {
            ["Input.LastName"] = "Petit", ["Input.FirstNames"] = "Louis", ["Input.BirthDate"] = "1958-04-04", ["Input.Sex"] = "Male",
            ["Input.Nationality"] = "French", ["Input.NoStableHome"] = "false", ["Input.TeamIds"] = app.A.TeamIds[0].ToString(),
            ["Role"] = "Partner", ["menage"] = household.ToString(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await HtmlAsync(response)).QuerySelector(".error-summary")?.TextContent);
        response.Headers.Location!.OriginalString.ShouldBe($"/menages/{household}");
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/households/{household}", Ct);
        view.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("role").GetString()).ShouldBe(["ReferencePerson", "Partner"], ignoreOrder: true);
        view.GetProperty("consumptionUnits").GetDecimal().ShouldBe(1.5m);
    }
    [Fact]
    public async Task A_household_is_renamed_on_its_page_or_by_the_API_and_a_rename_over_a_newer_one_shows_both_names()
    {
        var client = await app.SignedInAsync(app.A, SocialWorker);
        var first = await NewPersonAsync(app, client, "Renard", "Claire", "1975-04-04");
        var created = await client.PostAsJsonAsync("/api/households", new { name = "Foyer RENARD", personId = first }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var household = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var page = $"/menages/{household}";
        var doc = await HtmlAsync(await client.GetAsync(page, Ct));
        doc.QuerySelector("label[for=Edit_Name]")!.TextContent.ShouldContain("Nom du ménage");
        var read = doc.QuerySelector("input[name='Edit.Version']")!.GetAttribute("value")!;

        // Bad input: a French message, the name unchanged.
        var response = await PostFormAsync(client, page, $"{page}?handler=Edit", new Dictionary<string, string> { ["Edit.Name"] = "  ", ["Edit.Version"] = read });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        doc = await HtmlAsync(response);
        doc.QuerySelector(".error-summary")!.TextContent.ShouldContain("Le nom du ménage est obligatoire.");
        doc.QuerySelector("details[open] #Edit_Name").ShouldNotBeNull("the form stays open on its error");
        response = await PostFormAsync(client, page, $"{page}?handler=Edit", new Dictionary<string, string> { ["Edit.Name"] = new string('x', 201), ["Edit.Version"] = read });
        (await HtmlAsync(response)).QuerySelector(".error-summary")!.TextContent.ShouldContain("200 caractères");
        (await QueryAsync(app, db => db.Set<Household>().SingleAsync(h => h.Id == household, Ct))).Name.ShouldBe("Foyer RENARD");

        // The page renames, through the audited save.
        response = await PostFormAsync(client, page, $"{page}?handler=Edit", new Dictionary<string, string> { ["Edit.Name"] = " Foyer RENARD-DUVAL ", ["Edit.Version"] = read });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await HtmlAsync(response)).QuerySelector(".error-summary")?.TextContent);
        (await QueryAsync(app, db => db.Set<Household>().SingleAsync(h => h.Id == household, Ct))).Name.ShouldBe("Foyer RENARD-DUVAL");
        (await QueryAsync(app, db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Update && e.EntityType == "Household"
            && e.EntityId == household.ToString() && e.Details!.Contains("Foyer RENARD-DUVAL"), Ct))).ShouldBe(1);
        (await HtmlAsync(await client.GetAsync(page, Ct))).QuerySelector("h1")!.TextContent.ShouldContain("Foyer RENARD-DUVAL");

        // The API with the version it read; an old version is a conflict, nothing saved.
        var api = await client.GetFromJsonAsync<JsonElement>($"/api/households/{household}", Ct);
        var version = api.GetProperty("version").GetInt32();
        (await client.PutAsJsonAsync($"/api/households/{household}", new { name = "Foyer DUVAL", version = version - 1 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var invalid = await client.PutAsJsonAsync($"/api/households/{household}", new { name = "", version }, Ct);
        invalid.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await invalid.Content.ReadAsStringAsync(Ct)).ShouldContain("Le nom du ménage est obligatoire.");
        var put = await client.PutAsJsonAsync($"/api/households/{household}", new { name = "Foyer DUVAL", version }, Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync(Ct));
        (await put.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("name").GetString().ShouldBe("Foyer DUVAL");

        // The page sent with the version read before the API's rename: both names shown, the user's input kept.
        response = await PostFormAsync(client, page, $"{page}?handler=Edit", new Dictionary<string, string> { ["Edit.Name"] = "Foyer DUVAL-RENARD", ["Edit.Version"] = version.ToString() });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        doc = await HtmlAsync(response);
        var conflict = doc.QuerySelector("#conflit")!;
        conflict.TextContent.ShouldContain("Foyer DUVAL-RENARD");
        conflict.TextContent.ShouldContain("Foyer DUVAL");
        doc.QuerySelector("#Edit_Name")!.GetAttribute("value").ShouldBe("Foyer DUVAL-RENARD");
        var newer = doc.QuerySelector("input[name='Edit.Version']")!.GetAttribute("value")!;
        newer.ShouldBe((version + 1).ToString());
        (await QueryAsync(app, db => db.Set<Household>().SingleAsync(h => h.Id == household, Ct))).Name.ShouldBe("Foyer DUVAL");
        // Sent again, now over the version shown: saved.
        (await PostFormAsync(client, page, $"{page}?handler=Edit", new Dictionary<string, string> { ["Edit.Name"] = "Foyer DUVAL-RENARD", ["Edit.Version"] = newer }))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await QueryAsync(app, db => db.Set<Household>().SingleAsync(h => h.Id == household, Ct))).Name.ShouldBe("Foyer DUVAL-RENARD");
    }

    [Fact]
    public async Task Only_those_who_may_open_the_household_may_rename_it()
    {
        var id = await MartinHouseholdAsync();
        var version = await QueryAsync(app, db => db.Set<Household>().Where(h => h.Id == id).Select(h => h.Version).SingleAsync(Ct));
        foreach (var role in new[] { Role.Reception, Volunteer, CommissionMember, StatsReader, Admin })
        {
            var client = await app.SignedInAsync(app.A, role);
            IsDenied(await PostFormAsync(client, "/", $"/menages/{id}?handler=Edit", new Dictionary<string, string> { ["Edit.Name"] = "Pris", ["Edit.Version"] = version.ToString() }))
                .ShouldBeTrue(role.ToString());
            (await client.PutAsJsonAsync($"/api/households/{id}", new { name = "Pris", version }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
        }
        // A social worker of the other team: the members' files are out of reach (403); another organisation: 404.
        var (_, otherTeam) = await OpenCcas.Web.Tests.FollowUp.InterviewTestKit.ExtraAgentAsync(app, app.A, "ts-menage-equipe2", SocialWorker, app.A.TeamIds[1]);
        IsDenied(await PostFormAsync(otherTeam, "/", $"/menages/{id}?handler=Edit", new Dictionary<string, string> { ["Edit.Name"] = "Pris", ["Edit.Version"] = version.ToString() }))
            .ShouldBeTrue();
        (await otherTeam.PutAsJsonAsync($"/api/households/{id}", new { name = "Pris", version }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var otherOrganisation = await app.SignedInAsync(app.B, SocialWorker);
        (await otherOrganisation.PutAsJsonAsync($"/api/households/{id}", new { name = "Pris", version }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await QueryAsync(app, db => db.Set<Household>().SingleAsync(h => h.Id == id, Ct))).Name.ShouldBe("Foyer MARTIN");
    }
}
