using System.Text;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.People;
using static OpenCcas.Web.Tests.Reception.ReceptionTestData;

namespace OpenCcas.Web.Tests.Reception;

/// <summary>Appointments: booking, moving, status, cancelling, no double booking (also under concurrency), .ics, the person panel, roles.</summary>
public sealed class AppointmentTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static object Body(Guid agent, Guid site, DateTimeOffset start, DateTimeOffset end, Guid? person = null, string? subject = null, int version = 0) =>
        new { agentId = agent, siteId = site, personId = person, start, end, mode = "Office", subject, version };

    private Task<int> CountAsync(string subject) =>
        WithDbAsync(app, app.A, db => db.Set<Appointment>().CountAsync(a => a.Subject == subject));

    [Fact]
    public async Task An_appointment_is_created_moved_given_a_status_and_cancelled_through_the_api()
    {
        var client = await app.SignedInAsync(app.A, Role.SocialWorker);
        var elodie = await ElodieAsync(app, app.A);
        var agent = app.A.UserIds[Role.SocialWorker];
        var created = await client.PostAsJsonAsync("/api/appointments", Body(agent, app.A.SiteIds[0], ParisAt(20, 9), ParisAt(20, 10), elodie, "Dossier FSL"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var dto = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = dto.GetProperty("id").GetGuid();
        dto.GetProperty("status").GetString().ShouldBe("Planned");

        var moved = await client.PutAsJsonAsync($"/api/appointments/{id}", Body(app.A.UserIds[Role.Instructor], app.A.SiteIds[1], ParisAt(21, 14), ParisAt(21, 15), elodie, "Dossier FSL", dto.GetProperty("version").GetInt32()));
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        var after = await moved.Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("agentId").GetGuid().ShouldBe(app.A.UserIds[Role.Instructor]);
        after.GetProperty("start").GetDateTimeOffset().ShouldBe(ParisAt(21, 14));

        var stale = await client.PutAsJsonAsync($"/api/appointments/{id}", Body(agent, app.A.SiteIds[0], ParisAt(22, 9), ParisAt(22, 10), elodie, "Dossier FSL", dto.GetProperty("version").GetInt32()));
        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var honoured = await client.PostAsJsonAsync($"/api/appointments/{id}/status", new { status = "Honoured", version = after.GetProperty("version").GetInt32() });
        honoured.StatusCode.ShouldBe(HttpStatusCode.OK, await honoured.Content.ReadAsStringAsync());
        var cancelled = await client.DeleteAsync($"/api/appointments/{id}");
        cancelled.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var saved = await WithDbAsync(app, app.A, db => db.Set<Appointment>().SingleAsync(a => a.Id == id));
        saved.Status.ShouldBe(AppointmentStatus.Cancelled);
        saved.SiteId.ShouldBe(app.A.SiteIds[1]);

        var listed = await client.GetFromJsonAsync<JsonElement[]>($"/api/appointments?agentId={app.A.UserIds[Role.Instructor]}&from={ParisAt(21, 0):O}&to={ParisAt(22, 0):O}".Replace("+", "%2B"));
        listed!.ShouldContain(a => a.GetProperty("id").GetGuid() == id && a.GetProperty("personName").GetString() == "MARTIN Élodie");
        // Audited in the same transaction.
        (await WithDbAsync(app, app.A, db => db.AuditEntries.CountAsync(e => e.EntityType == "Appointment" && e.EntityId == id.ToString()))).ShouldBeGreaterThanOrEqualTo(4);
    }

    [Fact]
    public async Task End_before_start_a_past_date_and_more_than_four_hours_are_refused_in_French_and_nothing_is_saved()
    {
        var client = await app.SignedInAsync(app.A, Role.Reception);
        var agent = app.A.UserIds[Role.Reception];
        var before = await client.PostAsJsonAsync("/api/appointments", Body(agent, app.A.SiteIds[0], ParisAt(23, 11), ParisAt(23, 10), subject: "à l'envers"));
        before.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await before.Content.ReadAsStringAsync()).ShouldContain("La fin du rendez-vous doit être après son début.");
        var past = await client.PostAsJsonAsync("/api/appointments", Body(agent, app.A.SiteIds[0], ParisAt(-2, 10), ParisAt(-2, 11), subject: "à l'envers"));
        past.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await past.Content.ReadAsStringAsync()).ShouldContain("ne peut pas être pris dans le passé");
        var empty = await client.PostAsJsonAsync("/api/appointments", new { subject = "à l'envers" });
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var emptyText = await empty.Content.ReadAsStringAsync();
        emptyText.ShouldContain("L'agent est obligatoire.");
        emptyText.ShouldContain("La fin est obligatoire.");
        var longOne = await client.PostAsJsonAsync("/api/appointments", Body(agent, app.A.SiteIds[0], ParisAt(23, 8), ParisAt(23, 13), subject: "à l'envers"));
        (await longOne.Content.ReadAsStringAsync()).ShouldContain("4 heures");
        var page = await PostFormAsync(client, "/rendez-vous/nouveau", "/rendez-vous/nouveau", new()
        {
            ["Form.AgentId"] = agent.ToString(), ["Form.SiteId"] = app.A.SiteIds[0].ToString(), ["Form.Day"] = ParisTime.Today(DateTimeOffset.UtcNow).AddDays(23).ToString("yyyy-MM-dd"),
            ["Form.From"] = "11:00", ["Form.To"] = "10:30", ["Form.Mode"] = "Phone", ["Form.Subject"] = "à l'envers",
        });
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        html.ShouldContain("La fin du rendez-vous doit être après son début.");
        html.ShouldContain("href=\"#Form_To\"");
        (await CountAsync("à l'envers")).ShouldBe(0);
    }

    [Fact]
    public async Task An_overlapping_appointment_of_the_same_agent_is_refused_naming_the_slot()
    {
        var client = await app.SignedInAsync(app.A, Role.Manager);
        var agent = app.A.UserIds[Role.Instructor];
        (await client.PostAsJsonAsync("/api/appointments", Body(agent, app.A.SiteIds[0], ParisAt(24, 10), ParisAt(24, 11), subject: "premier"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var clash = await client.PostAsJsonAsync("/api/appointments", Body(agent, app.A.SiteIds[1], ParisAt(24, 10, 30), ParisAt(24, 11, 30), subject: "doublon"));
        clash.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var message = await clash.Content.ReadAsStringAsync();
        message.ShouldContain($"L'agent a déjà un rendez-vous le {ParisTime.Today(DateTimeOffset.UtcNow).AddDays(24):dd/MM/yyyy} de 10h00 à 11h00");
        (await CountAsync("doublon")).ShouldBe(0);

        // Touching slots and another agent are fine.
        (await client.PostAsJsonAsync("/api/appointments", Body(agent, app.A.SiteIds[0], ParisAt(24, 11), ParisAt(24, 12), subject: "suivant"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/appointments", Body(app.A.UserIds[Role.Reception], app.A.SiteIds[0], ParisAt(24, 10, 30), ParisAt(24, 11, 30), subject: "autre agent"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        // Moving another appointment onto the slot is refused too; the page shows the same message.
        var page = await PostFormAsync(client, "/rendez-vous/nouveau", "/rendez-vous/nouveau", new()
        {
            ["Form.AgentId"] = agent.ToString(), ["Form.SiteId"] = app.A.SiteIds[0].ToString(), ["Form.Day"] = ParisTime.Today(DateTimeOffset.UtcNow).AddDays(24).ToString("yyyy-MM-dd"),
            ["Form.From"] = "10:15", ["Form.To"] = "10:45", ["Form.Mode"] = "Office", ["Form.Subject"] = "doublon",
        });
        System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()).ShouldContain("L'agent a déjà un rendez-vous");
        (await CountAsync("doublon")).ShouldBe(0);

        // Cancelled, the first frees its slot; planned again, it clashes with the one now there.
        var first = await WithDbAsync(app, app.A, db => db.Set<Appointment>().SingleAsync(a => a.Subject == "premier"));
        (await client.DeleteAsync($"/api/appointments/{first.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.PostAsJsonAsync("/api/appointments", Body(agent, app.A.SiteIds[1], ParisAt(24, 10, 30), ParisAt(24, 11), subject: "remplaçant"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var back = await client.PostAsJsonAsync($"/api/appointments/{first.Id}/status", new { status = "Planned", version = first.Version + 1 });
        back.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await WithDbAsync(app, app.A, db => db.Set<Appointment>().SingleAsync(a => a.Id == first.Id))).Status.ShouldBe(AppointmentStatus.Cancelled);
    }

    [Fact]
    public async Task Concurrent_bookings_of_the_same_slot_save_exactly_one()
    {
        var ct = TestContext.Current.CancellationToken;
        var agent = app.A.UserIds[Role.Manager];
        var clients = new[] { await app.SignedInAsync(app.A, Role.Manager), await app.SignedInAsync(app.A, Role.Reception), await app.SignedInAsync(app.A, Role.Instructor), await app.SignedInAllRolesAsync(app.A) };
        for (var round = 0; round < 3; round++)
        {
            var subject = $"course {round}";
            var start = ParisAt(25, 9 + round);
            var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                clients[i % clients.Length].PostAsJsonAsync("/api/appointments", Body(agent, app.A.SiteIds[0], start.AddMinutes(i), start.AddMinutes(30 + i), subject: subject), ct)));
            responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1, string.Join(", ", responses.Select(r => r.StatusCode)));
            responses.Count(r => r.StatusCode == HttpStatusCode.BadRequest).ShouldBe(7);
            (await CountAsync(subject)).ShouldBe(1);
        }
    }

    [Fact]
    public async Task A_person_outside_the_users_reach_cannot_be_booked_nor_their_appointment_opened()
    {
        var client = await app.SignedInAsync(app.A, Role.SocialWorker);
        var jean = await JeanAsync(app, app.A);
        var api = await client.PostAsJsonAsync("/api/appointments", Body(app.A.UserIds[Role.SocialWorker], app.A.SiteIds[0], ParisAt(26, 9), ParisAt(26, 10), jean, "hors portée"));
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        IsAccessDenied(await client.GetAsync($"/rendez-vous/nouveau?personne={jean}")).ShouldBeTrue();
        IsAccessDenied(await client.GetAsync($"/rendez-vous/personne/{jean}")).ShouldBeTrue();
        (await CountAsync("hors portée")).ShouldBe(0);

        // Booked by a manager, Jean's appointment stays closed to this social worker (page, API, .ics).
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var created = await manager.PostAsJsonAsync("/api/appointments", Body(app.A.UserIds[Role.Manager], app.A.SiteIds[1], ParisAt(26, 14), ParisAt(26, 15), jean, "Jean"));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        IsAccessDenied(await client.GetAsync($"/rendez-vous/{id}")).ShouldBeTrue();
        (await client.GetAsync($"/api/appointments/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        IsAccessDenied(await client.GetAsync($"/rendez-vous/{id}/ics")).ShouldBeTrue();
        (await client.DeleteAsync($"/api/appointments/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        // In the agenda the slot shows, without the name.
        var agenda = await client.GetStringAsync($"/rendez-vous?agent={app.A.UserIds[Role.Manager]}&date={ParisTime.Today(DateTimeOffset.UtcNow).AddDays(26):yyyy-MM-dd}&vue=jour");
        agenda.ShouldContain("dossier non accessible");
        agenda.ShouldNotContain("HORS-ÉQUIPE");
    }

    [Fact]
    public async Task The_pages_book_show_move_set_the_status_and_cancel()
    {
        var client = await app.SignedInAsync(app.A, Role.Reception);
        var elodie = await ElodieAsync(app, app.A);
        var day = ParisTime.Today(DateTimeOffset.UtcNow).AddDays(27);
        var form = await PageAsync(client, $"/rendez-vous/nouveau?personne={elodie}&debut={day:yyyy-MM-dd}T14:30");
        form.QuerySelector("input[name='Form.Day']")!.GetAttribute("value").ShouldBe(day.ToString("yyyy-MM-dd"));
        form.QuerySelector("input[name='Form.From']")!.GetAttribute("value").ShouldBe("14:30");
        form.QuerySelector("input[name='Form.PersonId'][checked]")!.GetAttribute("value").ShouldBe(elodie.ToString());

        // The picker, with htmx and without JavaScript.
        (await client.GetStringAsync("/rendez-vous/nouveau?handler=People&personQuery=martin")).ShouldContain($"value=\"{elodie}\"");
        var searched = await PostFormAsync(client, "/rendez-vous/nouveau", "/rendez-vous/nouveau?handler=Search", new() { ["PersonQuery"] = "élo", ["Form.Subject"] = "gardé" });
        var searchedHtml = await searched.Content.ReadAsStringAsync();
        searchedHtml.ShouldContain($"value=\"{elodie}\"");
        searchedHtml.ShouldContain("value=\"gardé\"");

        var created = await PostFormAsync(client, "/rendez-vous/nouveau", "/rendez-vous/nouveau", new()
        {
            ["Form.PersonId"] = elodie.ToString(), ["Form.AgentId"] = app.A.UserIds[Role.SocialWorker].ToString(), ["Form.SiteId"] = app.A.SiteIds[0].ToString(),
            ["Form.Day"] = day.ToString("yyyy-MM-dd"), ["Form.From"] = "14:30", ["Form.To"] = "15:00", ["Form.Mode"] = "Home", ["Form.Subject"] = "Visite à domicile",
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Redirect, await created.Content.ReadAsStringAsync());
        var path = created.Headers.Location!.OriginalString;
        var appointment = await WithDbAsync(app, app.A, db => db.Set<Appointment>().SingleAsync(a => a.Subject == "Visite à domicile"));
        path.ShouldBe($"/rendez-vous/{appointment.Id}");
        appointment.Start.ShouldBe(ParisAt(27, 14, 30));
        appointment.Mode.ShouldBe(AppointmentMode.Home);

        var details = await client.GetStringAsync(path);
        details.ShouldContain("MARTIN Élodie");
        (await WithDbAsync(app, app.A, db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Read && e.EntityType == "Person" && e.EntityId == elodie.ToString() && e.Details == "Rendez-vous consulté"))).ShouldBeTrue();
        var week = await client.GetStringAsync($"/rendez-vous?agent={app.A.UserIds[Role.SocialWorker]}&date={day:yyyy-MM-dd}");
        week.ShouldContain(path);
        var otherSite = await client.GetStringAsync($"/rendez-vous?agent=tous&site={app.A.SiteIds[1]}&date={day:yyyy-MM-dd}");
        otherSite.ShouldNotContain(path);

        var moved = await PostFormAsync(client, path, path, new()
        {
            ["Form.PersonId"] = elodie.ToString(), ["Form.AgentId"] = app.A.UserIds[Role.SocialWorker].ToString(), ["Form.SiteId"] = app.A.SiteIds[0].ToString(),
            ["Form.Day"] = day.AddDays(1).ToString("yyyy-MM-dd"), ["Form.From"] = "09:00", ["Form.To"] = "09:45", ["Form.Mode"] = "Home", ["Form.Subject"] = "Visite à domicile",
            ["Form.Version"] = appointment.Version.ToString(),
        });
        moved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await moved.Content.ReadAsStringAsync());
        (await WithDbAsync(app, app.A, db => db.Set<Appointment>().SingleAsync(a => a.Id == appointment.Id))).Start.ShouldBe(ParisAt(28, 9));

        var stale = await PostFormAsync(client, path, path + "?handler=Status", new() { ["NewStatus"] = "NoShow", ["StatusVersion"] = appointment.Version.ToString() });
        System.Net.WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()).ShouldContain("modifié par quelqu'un d'autre");
        var current = await WithDbAsync(app, app.A, db => db.Set<Appointment>().SingleAsync(a => a.Id == appointment.Id));
        var excused = await PostFormAsync(client, path, path + "?handler=Status", new() { ["NewStatus"] = "Excused", ["StatusVersion"] = current.Version.ToString() });
        excused.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        current = await WithDbAsync(app, app.A, db => db.Set<Appointment>().SingleAsync(a => a.Id == appointment.Id));
        current.Status.ShouldBe(AppointmentStatus.Excused);
        var cancel = await PostFormAsync(client, path, path + "?handler=Cancel", new() { ["StatusVersion"] = current.Version.ToString() });
        cancel.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WithDbAsync(app, app.A, db => db.Set<Appointment>().SingleAsync(a => a.Id == appointment.Id))).Status.ShouldBe(AppointmentStatus.Cancelled);
    }

    [Fact]
    public async Task The_ics_export_is_valid_icalendar_and_is_audited()
    {
        var client = await app.SignedInAsync(app.A, Role.SocialWorker);
        var elodie = await ElodieAsync(app, app.A);
        var seeded = await WithDbAsync(app, app.A, db => db.Set<Appointment>().SingleAsync(a => a.Subject == "Point budget"));
        var response = await client.GetAsync($"/rendez-vous/{seeded.Id}/ics");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        text.ShouldStartWith("BEGIN:VCALENDAR\r\n");
        text.ShouldEndWith("END:VCALENDAR\r\n");
        text.Replace("\r\n", "").ShouldNotContain("\n");
        foreach (var line in text.Split("\r\n")) Encoding.UTF8.GetByteCount(line).ShouldBeLessThanOrEqualTo(75);
        var unfolded = text.Replace("\r\n ", "");
        unfolded.ShouldContain($"\r\nUID:{seeded.Id}@openccas\r\n");
        unfolded.ShouldContain($"\r\nDTSTART:{seeded.Start.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}\r\n");
        unfolded.ShouldContain($"\r\nDTEND:{seeded.End.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}\r\n");
        unfolded.ShouldContain("\r\nDTSTAMP:");
        unfolded.ShouldContain("SUMMARY:Rendez-vous : MARTIN Élodie\r\n");
        unfolded.ShouldContain("\\nObjet : Point budget");
        (await WithDbAsync(app, app.A, db => db.AuditEntries.AnyAsync(e => e.Action == AuditAction.Export && e.EntityId == elodie.ToString()))).ShouldBeTrue();

        var api = await client.GetAsync($"/api/appointments/{seeded.Id}/ics");
        api.StatusCode.ShouldBe(HttpStatusCode.OK);
        var feed = await client.GetStringAsync("/rendez-vous/agenda.ics");
        feed.ShouldContain($"UID:{seeded.Id}@openccas");
        (await client.GetStringAsync($"/api/appointments/feed.ics?agentId={app.A.UserIds[Role.Instructor]}")).ShouldNotContain($"UID:{seeded.Id}@openccas");
    }

    [Fact]
    public async Task The_person_panel_lists_coming_appointments_with_a_booking_link()
    {
        PersonFileSections.All.ShouldContain(s => s.ViewComponent == OpenCcas.Web.Reception.AppointmentsPanelViewComponent.Name && s.Title == "Rendez-vous" && s.Part == FilePart.Identity);
        var client = await app.SignedInAsync(app.A, Role.Reception);
        var elodie = await ElodieAsync(app, app.A);
        var page = await PageAsync(client, $"/rendez-vous/personne/{elodie}");
        var table = page.QuerySelector(".appointments-panel table")!;
        table.QuerySelector("caption")!.TextContent.ShouldBe("Rendez-vous à venir");
        table.TextContent.ShouldContain("Point budget");
        table.TextContent.ShouldContain(ParisTime.Format(ReceptionSeed.SeededStart(DateTimeOffset.UtcNow)));
        page.QuerySelector($".appointments-panel a[href='/rendez-vous/nouveau?personne={elodie}']")!.TextContent.ShouldBe("Prendre rendez-vous");
        // The other organisation's person is not found.
        (await client.GetAsync($"/rendez-vous/personne/{await ElodieAsync(app, app.B)}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Each_role_gets_the_agenda_and_the_api_or_access_denied()
    {
        var ct = TestContext.Current.CancellationToken;
        var seeded = await WithDbAsync(app, app.A, db => db.Set<Appointment>().SingleAsync(a => a.Subject == "Point budget"));
        foreach (var role in AllRoles)
        {
            var client = await app.SignedInAsync(app.A, role);
            var allowed = DeskRoles.Contains(role);
            foreach (var path in new[] { "/rendez-vous", "/rendez-vous/nouveau", "/rendez-vous?vue=jour&agent=tous", $"/rendez-vous/{seeded.Id}", $"/rendez-vous/{seeded.Id}/ics", "/rendez-vous/agenda.ics" })
            {
                using var response = await client.GetAsync(path, ct);
                if (allowed) response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{role} {path}");
                else IsAccessDenied(response).ShouldBeTrue($"{role} {path}: {response.StatusCode}");
            }
            foreach (var path in new[] { "/api/appointments", $"/api/appointments/{seeded.Id}", $"/api/appointments/{seeded.Id}/ics" })
                (await client.GetAsync(path, ct)).StatusCode.ShouldBe(allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"{role} {path}");
            var post = await client.PostAsJsonAsync("/api/appointments", Body(app.A.UserIds[Role.Reception], app.A.SiteIds[0], ParisAt(30, 8 + (int)role), ParisAt(30, 8 + (int)role, 30), subject: "rôle " + role), ct);
            post.StatusCode.ShouldBe(allowed ? HttpStatusCode.Created : HttpStatusCode.Forbidden, $"{role} POST /api/appointments");
            (await client.PostAsJsonAsync($"/api/appointments/{seeded.Id}/status", new { status = "Planned", version = 999 }, ct)).StatusCode
                .ShouldBe(allowed ? HttpStatusCode.Conflict : HttpStatusCode.Forbidden, $"{role} POST status");
        }
    }
}
