using OpenCcas.Domain.Audit;
using OpenCcas.Domain.People;
using static OpenCcas.Domain.Platform.Role;
using static OpenCcas.Web.Tests.People.FilesHelpers;

namespace OpenCcas.Web.Tests.People;

/// <summary>The person file: creation, parts per role, edits, concurrency, documents, audit — pages and API.</summary>
public sealed class FilesTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> NewPersonForm(string last, string first, string birth, bool confirm = false)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.LastName"] = last, ["Input.FirstNames"] = first, ["Input.BirthDate"] = birth, ["Input.Sex"] = "Female",
            ["Input.Nationality"] = "French", ["Input.NoStableHome"] = "false",
        };
        if (confirm) form["Input.ConfirmDuplicate"] = "true";
        return form;
    }

    private Task<int> CountPeopleAsync() => QueryAsync(app, db => db.Set<Person>().CountAsync(Ct));

    [Fact]
    public async Task Creating_with_a_future_birth_date_or_missing_names_shows_french_messages_and_saves_nothing()
    {
        var client = await app.SignedInAsync(app.A, SocialWorker);
        var before = await CountPeopleAsync();
        var future = DateTime.Today.AddDays(3).ToString("dd/MM/yyyy");
        var response = await PostFormAsync(client, "/personnes/nouveau", NewPersonForm("", "", future));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = (await HtmlAsync(response)).QuerySelector(".error-summary")!.TextContent;
        text.ShouldContain("Le nom de famille est obligatoire.");
        text.ShouldContain("Le prénom est obligatoire.");
        text.ShouldContain("La date de naissance ne peut pas être dans le futur.");

        response = await PostFormAsync(client, "/personnes/nouveau", NewPersonForm("Durand", "Paul", "31/02/1980"));
        (await HtmlAsync(response)).QuerySelector(".error-summary")!.TextContent.ShouldContain("n'est pas une date valide");
        response = await PostFormAsync(client, "/personnes/nouveau", NewPersonForm("Durand", "Paul", "1899-12-31"));
        (await HtmlAsync(response)).QuerySelector(".error-summary")!.TextContent.ShouldContain("antérieure à 1900");
        (await CountPeopleAsync()).ShouldBe(before);

        var api = await client.PostAsJsonAsync("/api/people", new { lastName = "", firstNames = "Paul", birthDate = future }, Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await api.Content.ReadAsStringAsync(Ct);
        problem.ShouldContain("Le nom de famille est obligatoire.");
        api = await client.PostAsJsonAsync("/api/people", new { lastName = "Durand", firstNames = "Paul", birthDate = future }, Ct);
        (await api.Content.ReadAsStringAsync(Ct)).ShouldContain("La date de naissance ne peut pas être dans le futur.");
        (await CountPeopleAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task Creating_a_likely_duplicate_shows_it_and_needs_an_explicit_confirmation()
    {
        var client = await app.SignedInAsync(app.A, SocialWorker);
        var martin = await MartinAsync(app);
        var before = await CountPeopleAsync();
        var response = await PostFormAsync(client, "/personnes/nouveau", NewPersonForm("MARTIN", "Elodie", "12/03/1984"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await HtmlAsync(response);
        doc.QuerySelector("#doublons")!.TextContent.ShouldContain("a peut-être déjà un dossier");
        doc.QuerySelector($"#doublons a[href='/personnes/{martin}']").ShouldNotBeNull();
        doc.QuerySelector("button[name='Input.ConfirmDuplicate']")!.TextContent.ShouldContain("Ce n'est pas la même personne : créer le dossier");
        (await CountPeopleAsync()).ShouldBe(before);

        // A file the social worker may not open is announced without its content.
        response = await PostFormAsync(client, "/personnes/nouveau", NewPersonForm("Hors-Equipe", "Jean", "20/01/1950"));
        var outside = (await HtmlAsync(response)).QuerySelector("#doublons")!;
        outside.TextContent.ShouldContain("suivi par une autre équipe");
        outside.QuerySelectorAll("a").ShouldBeEmpty();
        outside.TextContent.ShouldNotContain("Jean");

        // The form proposes the agent as referent (a social worker) and the agent's teams.
        var form = await HtmlAsync(await client.GetAsync("/personnes/nouveau", Ct));
        form.QuerySelector("#Input_ReferentId option[selected]")!.GetAttribute("value").ShouldBe(app.A.UserIds[SocialWorker].ToString());
        form.QuerySelector($"input[name='Input.TeamIds'][value='{app.A.TeamIds[0]}']")!.HasAttribute("checked").ShouldBeTrue();
        var maxNumber = await QueryAsync(app, db => db.Set<Person>().MaxAsync(p => p.FileNumber, Ct));
        var fields = NewPersonForm("MARTIN", "Elodie", "12/03/1984", confirm: true);
        fields["Input.ReferentId"] = app.A.UserIds[SocialWorker].ToString();
        fields["Input.TeamIds"] = app.A.TeamIds[0].ToString();
        response = await PostFormAsync(client, "/personnes/nouveau", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var created = await QueryAsync(app, db => db.Set<Person>().Include(p => p.Teams).SingleAsync(p => p.FileNumber == maxNumber + 1, Ct));
        response.Headers.Location!.OriginalString.ShouldBe($"/personnes/{created.Id}");
        created.SearchName.ShouldContain(" elodie ");
        created.ReferentId.ShouldBe(app.A.UserIds[SocialWorker]);
        created.Teams.Select(t => t.TeamId).ShouldBe([app.A.TeamIds[0]]);

        // The API: 409 with the candidates, then created with confirmDuplicate.
        var api = await client.PostAsJsonAsync("/api/people", new { lastName = "Martin", firstNames = "Lucas", birthDate = "2015-06-01" }, Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = await api.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("candidates").EnumerateArray().Select(c => c.GetProperty("fileNumber").GetInt32()).ShouldContain(2);
        api = await client.PostAsJsonAsync("/api/people", new { lastName = "Martin", firstNames = "Lucas", birthDate = "01/06/2015", confirmDuplicate = true }, Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("fileNumber").GetInt32().ShouldBe(maxNumber + 2);
    }

    [Fact]
    public async Task Each_role_sees_only_the_parts_it_may_open_and_every_opening_is_audited()
    {
        var martin = await MartinAsync(app);
        var expectations = new (Role Role, bool Opens, bool Household, bool Resources, bool Sensitive)[]
        {
            (Manager, true, true, true, true),
            (SocialWorker, true, true, true, true),
            (Instructor, true, true, true, false),
            (Role.Reception, true, false, false, false),
            (Volunteer, false, false, false, false),
            (CommissionMember, false, false, false, false),
            (StatsReader, false, false, false, false),
            (Admin, false, false, false, false),
        };
        foreach (var (role, opens, household, resources, sensitive) in expectations)
        {
            var client = await app.SignedInAsync(app.A, role);
            var user = app.A.UserIds[role];
            Task<int> ReadsAsync() => QueryAsync(app, db => db.AuditEntries.CountAsync(e => e.Action == AuditAction.Read && e.EntityType == "Person"
                && e.EntityId == martin.ToString() && e.UserId == user, Ct));
            var readsBefore = await ReadsAsync();
            var response = await client.GetAsync($"/personnes/{martin}", Ct);
            if (!opens)
            {
                IsDenied(response).ShouldBeTrue($"{role} may not open the file");
                (await client.GetAsync($"/api/people/{martin}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{role} API");
                (await ReadsAsync()).ShouldBe(readsBefore, "a refused opening reads nothing");
                continue;
            }
            response.StatusCode.ShouldBe(HttpStatusCode.OK, role.ToString());
            var doc = await HtmlAsync(response);
            doc.QuerySelector("h1")!.TextContent.ShouldContain("MARTIN Élodie");
            (doc.QuerySelector("#identite-titre") is not null).ShouldBeTrue();
            (doc.QuerySelector("#menage-titre") is not null).ShouldBe(household, $"{role} household");
            (doc.QuerySelector("#ressources-titre") is not null).ShouldBe(resources, $"{role} resources");
            (doc.QuerySelector("#sensible-titre") is not null).ShouldBe(sensitive, $"{role} sensitive");
            doc.Body!.TextContent.Contains("646,52").ShouldBe(resources, $"{role} sees the RSA amount");

            var json = await client.GetFromJsonAsync<JsonElement>($"/api/people/{martin}", Ct);
            (json.GetProperty("resources").ValueKind != JsonValueKind.Null).ShouldBe(resources, $"{role} API resources");
            (json.GetProperty("sensitive").ValueKind != JsonValueKind.Null).ShouldBe(sensitive, $"{role} API sensitive");
            (json.GetProperty("situation").ValueKind != JsonValueKind.Null).ShouldBe(household, $"{role} API situation");

            (await ReadsAsync()).ShouldBe(readsBefore + 2, $"{role}: the page and the API opening are both audited");
        }

        // Edit pages follow the parts: reception edits identity only; an instructor no sensitive block.
        var reception = await app.SignedInAsync(app.A, Role.Reception);
        (await reception.GetAsync($"/personnes/{martin}/identite", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        foreach (var page in new[] { "situation", "ressources", "suivi", "documents", "menage" })
            IsDenied(await reception.GetAsync($"/personnes/{martin}/{page}", Ct)).ShouldBeTrue($"reception /{page}");
        (await reception.PutAsJsonAsync($"/api/people/{martin}/resources", new { incomes = Array.Empty<object>(), charges = Array.Empty<object>(), version = 0 }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var instructor = await app.SignedInAsync(app.A, Instructor);
        var situation = await HtmlAsync(await instructor.GetAsync($"/personnes/{martin}/situation", Ct));
        situation.QuerySelector("#sensible").ShouldBeNull();
        situation.QuerySelector("#Input_Nir").ShouldNotBeNull();
        (await instructor.GetAsync($"/personnes/{martin}/ressources", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_social_worker_outside_the_files_teams_is_refused_in_the_page_and_the_api()
    {
        var outside = await OutsideAsync(app);
        var client = await app.SignedInAsync(app.A, SocialWorker);
        IsDenied(await client.GetAsync($"/personnes/{outside}", Ct)).ShouldBeTrue();
        IsDenied(await client.GetAsync($"/personnes/{outside}/identite", Ct)).ShouldBeTrue();
        (await client.GetAsync($"/api/people/{outside}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PutAsJsonAsync($"/api/people/{outside}/identity", new { lastName = "X", firstNames = "Y", version = 0 }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var manager = await app.SignedInAsync(app.A, Manager);
        (await manager.GetAsync($"/personnes/{outside}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_malformed_nir_is_refused_with_a_french_message_and_nothing_is_saved()
    {
        var client = await app.SignedInAsync(app.A, SocialWorker);
        var id = await NewPersonAsync(app, client, "Nirtest", "Anne", "1980-05-04");
        var version = await VersionAsync(app, id);
        var response = await PostFormAsync(client, $"/personnes/{id}/situation", new Dictionary<string, string>
        {
            ["Input.Housing"] = "SocialTenant", ["Input.Family"] = "Single", ["Input.Professional"] = "JobSeeker",
            ["Input.Nir"] = "2 80 05 75 123 456 12", ["Input.GirLevel"] = "", ["Input.Version"] = version.ToString(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HtmlAsync(response)).QuerySelector(".error-summary")!.TextContent.ShouldContain("La clé du numéro de sécurité sociale ne correspond pas");
        var saved = await QueryAsync(app, db => db.Set<Person>().SingleAsync(p => p.Id == id, Ct));
        saved.Housing.ShouldBe(HousingSituation.Unknown);
        saved.Nir.ShouldBeNull();

        var api = await client.PutAsJsonAsync($"/api/people/{id}/situation", new { housing = "Street", nir = "12345", version }, Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadAsStringAsync(Ct)).ShouldContain("15 caractères");
        api = await client.PutAsJsonAsync($"/api/people/{id}/situation", new { housing = "Street", girLevel = 7, version }, Ct);
        (await api.Content.ReadAsStringAsync(Ct)).ShouldContain("Le GIR est un niveau de 1 à 6.");

        // A valid one (key 97 − n mod 97) with the situation and the sensitive part.
        const long body = 2800575123456;
        var nir = $"{body}{97 - body % 97:00}";
        api = await client.PutAsJsonAsync($"/api/people/{id}/situation", new { housing = "Street", nir, protection = "Curatorship", protectionRepresentative = "UDAF", girLevel = 4, version }, Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.OK, await api.Content.ReadAsStringAsync(Ct));
        saved = await QueryAsync(app, db => db.Set<Person>().SingleAsync(p => p.Id == id, Ct));
        (saved.Housing, saved.Nir, saved.GirLevel, saved.Protection).ShouldBe((HousingSituation.Street, nir, (int?)4, ProtectionMeasure.Curatorship));
        saved.LastOperationAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task An_instructor_cannot_change_the_sensitive_part_even_by_posting_it()
    {
        var manager = await app.SignedInAsync(app.A, Manager);
        var id = await NewPersonAsync(app, manager, "Sensible", "Marc");
        (await manager.PutAsJsonAsync($"/api/people/{id}/situation", new { girLevel = 2, protection = "Guardianship", version = await VersionAsync(app, id) }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var instructor = await app.SignedInAsync(app.A, Instructor);
        (await instructor.PutAsJsonAsync($"/api/people/{id}/situation", new { housing = "Owner", girLevel = 6, protection = "None", version = await VersionAsync(app, id) }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var saved = await QueryAsync(app, db => db.Set<Person>().SingleAsync(p => p.Id == id, Ct));
        (saved.Housing, saved.GirLevel, saved.Protection).ShouldBe((HousingSituation.Owner, (int?)2, ProtectionMeasure.Guardianship));
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_in_the_page_and_the_api()
    {
        var client = await app.SignedInAsync(app.A, SocialWorker);
        var id = await NewPersonAsync(app, client, "Concurrent", "Léa");
        var version = await VersionAsync(app, id);
        (await client.PutAsJsonAsync($"/api/people/{id}/identity", new { lastName = "Concurrent", firstNames = "Léa", phone = "03 80 00 00 00", version }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var api = await client.PutAsJsonAsync($"/api/people/{id}/identity", new { lastName = "Concurrent", firstNames = "Lou", version }, Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var response = await PostFormAsync(client, $"/personnes/{id}/identite", new Dictionary<string, string>
        {
            ["Input.LastName"] = "Concurrent", ["Input.FirstNames"] = "Lou", ["Input.Sex"] = "Female", ["Input.Nationality"] = "Unknown",
            ["Input.Version"] = version.ToString(),
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var doc = await HtmlAsync(response);
        doc.QuerySelector("#conflit")!.TextContent.ShouldContain("modifié par quelqu'un d'autre");
        (await QueryAsync(app, db => db.Set<Person>().SingleAsync(p => p.Id == id, Ct))).FirstNames.ShouldBe("Léa");

        // Resources share the file's version.
        var res = await client.PutAsJsonAsync($"/api/people/{id}/resources", new { incomes = Array.Empty<object>(), charges = Array.Empty<object>(), version }, Ct);
        res.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Resources_accept_french_amounts_and_show_totals()
    {
        var client = await app.SignedInAsync(app.A, Instructor);
        var id = await NewPersonAsync(app, client, "Budget", "Nina");
        var page = $"/personnes/{id}/ressources";
        var response = await PostFormAsync(client, page, new Dictionary<string, string>
        {
            ["Version"] = (await VersionAsync(app, id)).ToString(),
            ["Incomes[0].Kind"] = "Salary", ["Incomes[0].Amount"] = "1 234,56",
            ["Incomes[1].Kind"] = "HousingAid", ["Incomes[1].Amount"] = "250.5", ["Incomes[1].Label"] = "APL",
            ["Charges[0].Kind"] = "Rent", ["Charges[0].Amount"] = "600",
            ["Charges[1].Kind"] = "Other", ["Charges[1].Amount"] = "",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, (await HtmlAsync(response)).QuerySelector(".error-summary")?.TextContent);
        var text = (await HtmlAsync(await client.GetAsync(page, Ct))).Body!.TextContent;
        text.ShouldContain("485,06 €"); // 1 485,06 € (the thousands separator is a narrow no-break space)
        text.ShouldContain("885,06 €");

        // A wrong amount is refused, nothing changes; removing a row works.
        response = await PostFormAsync(client, page, new Dictionary<string, string>
        {
            ["Version"] = (await VersionAsync(app, id)).ToString(),
            ["Incomes[0].Kind"] = "Salary", ["Incomes[0].Amount"] = "mille",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HtmlAsync(response)).QuerySelector(".error-summary")!.TextContent.ShouldContain("n'est pas un nombre");
        (await QueryAsync(app, db => db.Set<PersonIncome>().CountAsync(i => i.PersonId == id, Ct))).ShouldBe(2);

        var json = await client.GetFromJsonAsync<JsonElement>($"/api/people/{id}/resources", Ct);
        json.GetProperty("totalIncomes").GetDecimal().ShouldBe(1485.06m);
        json.GetProperty("totalCharges").GetDecimal().ShouldBe(600m);
        var put = await client.PutAsJsonAsync($"/api/people/{id}/resources", new
        {
            incomes = new[] { new { kind = "Salary", monthlyAmount = 1234.56m } }, charges = new[] { new { kind = "Rent", monthlyAmount = -3m } },
            version = await VersionAsync(app, id),
        }, Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await put.Content.ReadAsStringAsync(Ct)).ShouldContain("Le montant mensuel doit être positif");
        put = await client.PutAsJsonAsync($"/api/people/{id}/resources", new
        {
            incomes = new[] { new { kind = "Salary", monthlyAmount = 1234.56m } }, charges = Array.Empty<object>(), version = await VersionAsync(app, id),
        }, Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await put.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("totalIncomes").GetDecimal().ShouldBe(1234.56m);
    }

    [Fact]
    public async Task Documents_of_the_wrong_type_are_refused_and_downloads_are_authorised_and_audited()
    {
        var client = await app.SignedInAsync(app.A, SocialWorker);
        var id = await NewPersonAsync(app, client, "Papiers", "Omar");
        var page = $"/personnes/{id}/documents";

        async Task<HttpResponseMessage> UploadAsync(byte[] bytes, string name, string title, bool confidential = false)
        {
            var token = await AppFixture.AntiforgeryTokenAsync(client, page);
            var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(title), "Input.Title" },
                { new StringContent(confidential ? "true" : "false"), "Input.Confidential" },
                { new ByteArrayContent(bytes), "Upload", name },
            };
            return await client.PostAsync(page, form, Ct);
        }

        var response = await UploadAsync("MZ this is an executable"u8.ToArray(), "facture.pdf", "Facture");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HtmlAsync(response)).QuerySelector(".error-summary")!.TextContent.ShouldContain("seuls les documents PDF et les images PNG ou JPEG");
        (await QueryAsync(app, db => db.Set<PersonDocument>().CountAsync(d => d.PersonId == id, Ct))).ShouldBe(0);

        var pdf = "%PDF-1.7\n1 0 obj\n"u8.ToArray();
        (await UploadAsync(pdf, "quittance.pdf", "Quittance de loyer")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await UploadAsync(pdf, "rapport.pdf", "Rapport social", confidential: true)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var docs = await QueryAsync(app, db => db.Set<PersonDocument>().Where(d => d.PersonId == id).ToListAsync(Ct));
        docs.Count.ShouldBe(2);
        var open = docs.Single(d => !d.Confidential);
        var secret = docs.Single(d => d.Confidential);

        var download = await client.GetAsync($"/personnes/{id}/documents/{open.Id}", Ct);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        (await download.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(pdf);
        var audited = await QueryAsync(app, db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Read && e.EntityId == id.ToString()
            && e.Details!.Contains("Quittance de loyer"), Ct));
        audited.ShouldBeTrue();

        // Confidential documents belong to the social part: an instructor neither lists nor downloads them.
        var instructor = await app.SignedInAsync(app.A, Instructor);
        (await instructor.GetAsync($"/personnes/{id}/documents/{open.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        IsDenied(await instructor.GetAsync($"/personnes/{id}/documents/{secret.Id}", Ct)).ShouldBeTrue();
        (await instructor.GetAsync($"/api/people/{id}/documents/{secret.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var list = await instructor.GetFromJsonAsync<JsonElement>($"/api/people/{id}/documents", Ct);
        list.GetArrayLength().ShouldBe(1);
        IsDenied(await (await app.SignedInAsync(app.A, Role.Reception)).GetAsync($"/personnes/{id}/documents/{open.Id}", Ct)).ShouldBeTrue();

        // The API checks the bytes the same way.
        var token = await AppFixture.CreateTokenAsync(client, SocialWorker);
        var bearer = app.BearerClient(token.Secret);
        var bad = new MultipartFormDataContent { { new StringContent("Photo"), "title" }, { new ByteArrayContent("GIF89a..."u8.ToArray()), "file", "photo.png" } };
        var api = await bearer.PostAsync($"/api/people/{id}/documents", bad, Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.Content.ReadAsStringAsync(Ct)).ShouldContain("Type de fichier refusé");
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0 };
        var good = new MultipartFormDataContent { { new StringContent("Photo"), "title" }, { new ByteArrayContent(png), "file", "photo" } };
        api = await bearer.PostAsync($"/api/people/{id}/documents", good, Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.Created, await api.Content.ReadAsStringAsync(Ct));
        var created = await api.Content.ReadFromJsonAsync<JsonElement>(Ct);
        created.GetProperty("fileName").GetString().ShouldBe("photo.png");
        (await bearer.DeleteAsync($"/api/people/{id}/documents/{created.GetProperty("id").GetGuid()}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Follow_up_status_and_consents_are_checked_and_saved()
    {
        var client = await app.SignedInAsync(app.A, SocialWorker);
        var id = await NewPersonAsync(app, client, "Suivi", "Rose", "1940-01-01");
        var fields = new Dictionary<string, string>
        {
            ["Input.SiteId"] = app.A.SiteIds[0].ToString(), ["Input.TeamIds"] = app.A.TeamIds[0].ToString(),
            ["Input.Status"] = "Deceased", ["Input.DeathDate"] = "", ["Input.Version"] = (await VersionAsync(app, id)).ToString(),
        };
        var response = await PostFormAsync(client, $"/personnes/{id}/suivi", fields);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await HtmlAsync(response)).QuerySelector(".error-summary")!.TextContent.ShouldContain("Indiquez la date de décès.");
        fields["Input.DeathDate"] = "2026-01-15";
        (await PostFormAsync(client, $"/personnes/{id}/suivi", fields)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var saved = await QueryAsync(app, db => db.Set<Person>().SingleAsync(p => p.Id == id, Ct));
        (saved.Status, saved.DeathDate).ShouldBe((PersonStatus.Deceased, (DateOnly?)new DateOnly(2026, 1, 15)));
        (await HtmlAsync(await client.GetAsync($"/personnes/{id}", Ct))).QuerySelector(".badge")!.TextContent.ShouldContain("Décédé le 15/01/2026");

        var consent = new Dictionary<string, string> { ["Input.Kind"] = "SmsReminders", ["Input.Given"] = "true", ["Input.Date"] = "2025-03-01" };
        (await PostFormAsync(client, $"/personnes/{id}/consentements", consent)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response = await PostFormAsync(client, $"/personnes/{id}/consentements", consent);
        (await HtmlAsync(response)).QuerySelector(".error-summary")!.TextContent.ShouldContain("déjà donné");
        var api = await client.PostAsJsonAsync($"/api/people/{id}/consents", new { kind = "SmsReminders", given = false }, Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        var consents = await api.Content.ReadFromJsonAsync<JsonElement>(Ct);
        consents.EnumerateArray().Single().GetProperty("withdrawnAt").ValueKind.ShouldNotBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task The_access_log_of_a_file_is_for_managers_and_lists_who_opened_it()
    {
        var martin = await MartinAsync(app);
        var reception = await app.SignedInAsync(app.A, Role.Reception);
        (await reception.GetAsync($"/personnes/{martin}", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        IsDenied(await reception.GetAsync($"/personnes/{martin}/acces", Ct)).ShouldBeTrue();
        (await (await app.SignedInAsync(app.A, SocialWorker)).GetAsync($"/api/people/{martin}/access-log", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var manager = await app.SignedInAsync(app.A, Manager);
        var response = await manager.GetAsync($"/personnes/{martin}/acces", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var rows = (await HtmlAsync(response)).QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        rows.ShouldContain(r => r.Contains("Agent Reception") && r.Contains("Consultation"));
        var api = await manager.GetFromJsonAsync<JsonElement>($"/api/people/{martin}/access-log", Ct);
        api.EnumerateArray().ShouldContain(e => e.GetProperty("userName").GetString() == "Agent Reception" && e.GetProperty("action").GetString() == "Read");
    }
}
