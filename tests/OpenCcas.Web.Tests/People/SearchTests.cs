using OpenCcas.Domain.People;
using OpenCcas.Web.People;
using OpenCcas.Web.People.Search;

namespace OpenCcas.Web.Tests.People;

/// <summary>Shared helpers of the search, duplicate and merge tests: people added straight into the database.</summary>
internal static class TestPeople
{
    private static int next = 5000;

    public static async Task<Person> AddAsync(AppFixture app, SeededOrganisation org, string lastName, string firstNames,
        DateOnly? birth = null, string? phone = null, string? usage = null, string? birthName = null, int team = 0,
        Action<Person>? more = null)
    {
        using var scope = app.ScopeFor(org.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var person = new Person
        {
            FileNumber = Interlocked.Increment(ref next), LastName = lastName, FirstNames = firstNames, BirthDate = birth,
            Phone = phone, UsageName = usage, BirthName = birthName, SiteId = org.SiteIds[team], Sex = Sex.Female, City = "Dijon",
        };
        person.Teams.Add(new PersonTeam { TeamId = org.TeamIds[team] });
        more?.Invoke(person);
        person.SearchName = PersonNames.SearchKey(person);
        db.Add(person);
        await db.SaveChangesAsync();
        return person;
    }

    public static bool IsAccessDenied(Uri? location) =>
        location is not null && (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]) == "/acces-refuse";

    public static async Task<List<(SearchTermKind Kind, string Term)>> TermsAsync(AppFixture app, Guid org, Guid personId)
    {
        using var scope = app.ScopeFor(org);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return (await db.Set<PersonSearchTerm>().Where(t => t.PersonId == personId).ToListAsync())
            .Select(t => (t.Kind, t.Term)).ToList();
    }
}

/// <summary>Search as you type: page and API, names, dates, phones, file numbers, ranking, reach of each role.</summary>
public sealed class SearchTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<JsonElement>> SearchAsync(string q, Role role = Role.Manager, int? limit = null, SeededOrganisation? org = null)
    {
        var client = await app.SignedInAsync(org ?? app.A, role);
        var url = $"/api/people/search?q={Uri.EscapeDataString(q)}" + (limit is { } l ? $"&limit={l}" : "");
        var response = await client.GetAsync(url, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<List<JsonElement>>(Ct))!;
    }

    private static List<Guid> Ids(List<JsonElement> hits) => hits.Select(h => h.GetProperty("id").GetGuid()).ToList();

    [Fact]
    public async Task The_api_answers_the_fixed_contract()
    {
        var p = await TestPeople.AddAsync(app, app.A, "Contratois", "Albertine", new DateOnly(1961, 5, 4), "03 80 12 34 56");
        var hit = (await SearchAsync("contratois")).ShouldHaveSingleItem();
        hit.GetProperty("id").GetGuid().ShouldBe(p.Id);
        hit.GetProperty("fileNumber").GetInt32().ShouldBe(p.FileNumber);
        hit.GetProperty("displayName").GetString().ShouldBe("CONTRATOIS Albertine");
        hit.GetProperty("birthDate").GetString().ShouldBe("1961-05-04");
        hit.GetProperty("phone").GetString().ShouldBe("03 80 12 34 56");
        hit.GetProperty("city").GetString().ShouldBe("Dijon");
        hit.GetProperty("status").GetString().ShouldBe("Active");
    }

    [Fact]
    public async Task Accents_case_hyphens_and_apostrophes_are_ignored()
    {
        var p = await TestPeople.AddAsync(app, app.A, "D'Artagnan-Lézard", "Bérénice");
        foreach (var q in new[] { "lezard berenice", "LÉZARD", "artagnan-lezard", "d'artagnan", "d’artagnan bérénice", "Berenice Lezard", "dartagnan" })
            Ids(await SearchAsync(q)).ShouldContain(p.Id, q);
        Ids(await SearchAsync("berenice")).ShouldContain(p.Id);
    }

    [Fact]
    public async Task Usage_and_birth_names_are_searched()
    {
        var p = await TestPeople.AddAsync(app, app.A, "Kowalczykowa", "Irène", usage: "Fontanelle", birthName: "Nowakowska");
        Ids(await SearchAsync("fontanelle irene")).ShouldBe([p.Id]);
        Ids(await SearchAsync("nowakowska")).ShouldBe([p.Id]);
        Ids(await SearchAsync("kowalczykowa")).ShouldBe([p.Id]);
        (await SearchAsync("nowakowska"))[0].GetProperty("displayName").GetString().ShouldBe("FONTANELLE (née NOWAKOWSKA) Irène");
    }

    [Fact]
    public async Task Words_match_in_any_order_and_as_prefixes_while_typing()
    {
        var p = await TestPeople.AddAsync(app, app.A, "Marlowski", "Quentin");
        var other = await TestPeople.AddAsync(app, app.A, "Marlowski", "Gaëlle");
        foreach (var q in new[] { "marlowski quentin", "quentin marlowski", "marl quen", "quen marl", "QUENTIN MARLOWSK" })
            Ids(await SearchAsync(q)).ShouldBe([p.Id], q);
        Ids(await SearchAsync("marlo")).ShouldBe(new[] { p.Id, other.Id }, ignoreOrder: true);
        (await SearchAsync("m")).ShouldBeEmpty("one letter alone finds too much");
    }

    [Fact]
    public async Task One_typo_is_tolerated_on_words_of_four_letters_or_more_but_not_two()
    {
        var p = await TestPeople.AddAsync(app, app.A, "Vercingeto", "Amandine");
        foreach (var q in new[]
                 {
                     "vercingeta amandine", // substitution
                     "vercinngeto", // insertion
                     "vercingto", // deletion
                     "vrecingeto amandine", // transposition
                     "amandien vercingeto", // transposition at the end
                 })
            Ids(await SearchAsync(q)).ShouldContain(p.Id, q);
        foreach (var q in new[] { "vrecingetoo", "vercingxyo", "amandine vercingetoxx" })
            Ids(await SearchAsync(q)).ShouldNotContain(p.Id, q);

        var shortName = await TestPeople.AddAsync(app, app.A, "Vercingeto", "Léa");
        Ids(await SearchAsync("vercingeto lea")).ShouldBe([shortName.Id]);
        Ids(await SearchAsync("vercingeto lia")).ShouldBeEmpty("three letters: no typo tolerated");
    }

    [Fact]
    public async Task Results_are_ranked_exact_then_prefix_then_typo_in_a_stable_order()
    {
        var typo = await TestPeople.AddAsync(app, app.A, "Ravelonandro", "Mars");
        var prefix = await TestPeople.AddAsync(app, app.A, "Ravelonandro", "Marceline");
        var exact2 = await TestPeople.AddAsync(app, app.A, "Ravelonandro", "Marc");
        var exact1 = await TestPeople.AddAsync(app, app.A, "Ravelonandro", "Marc");
        // Mistyped (« ravelonandrp »: nobody as typed), so one typo is tolerated in each word: the two exact « marc » by
        // file number, then the prefix, then the typo.
        var ids = Ids(await SearchAsync("ravelonandrp marc"));
        ids.ShouldBe([exact2.Id, exact1.Id, prefix.Id, typo.Id]);
        Ids(await SearchAsync("marc ravelonandrp")).ShouldBe(ids);
        // Typed right: the same order, without the typo match (see the next test).
        Ids(await SearchAsync("ravelonandro marc")).ShouldBe(ids[..3]);
    }

    [Fact]
    public async Task Birth_date_is_found_typed_with_slashes_or_as_eight_digits()
    {
        var p = await TestPeople.AddAsync(app, app.A, "Datebert", "Ursule", new DateOnly(1937, 11, 29));
        Ids(await SearchAsync("29/11/1937")).ShouldBe([p.Id]);
        Ids(await SearchAsync("29111937")).ShouldBe([p.Id]);
        Ids(await SearchAsync("datebert 29/11/1937")).ShouldBe([p.Id]);
        Ids(await SearchAsync("datebert 28/11/1937")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Several_words_look_for_typos_only_when_the_words_as_typed_find_nobody()
    {
        var right = await TestPeople.AddAsync(app, app.A, "Typolard", "Maxence");
        var near = await TestPeople.AddAsync(app, app.A, "Typolart", "Maxence");
        foreach (var role in new[] { Role.Manager, Role.SocialWorker })
        {
            // Typed right: that file only.
            Ids(await SearchAsync("typolard maxence", role)).ShouldBe([right.Id], role.ToString());
            Ids(await SearchAsync("maxence typolart", role)).ShouldBe([near.Id], role.ToString());
            // A prefix of both: both, by name. Mistyped (found by nobody as typed): both, one typo away.
            Ids(await SearchAsync("typolar maxence", role)).ShouldBe([right.Id, near.Id], role.ToString());
            Ids(await SearchAsync("typolarz maxence", role)).ShouldBe([right.Id, near.Id], role.ToString());
        }
        // Found as typed only outside the actor's files: their typo matches still come. A social worker of team 1 does not
        // see « Typolard » (team 0) but sees « Typolarm » (team 1), one letter away.
        var other = await TestPeople.AddAsync(app, app.A, "Typolarm", "Maxence", team: 1);
        var socialOfTeam1 = new Actor(Guid.NewGuid(), app.A.Id, [new RoleGrant(Role.SocialWorker)], [app.A.TeamIds[1]]);
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await PeopleSearch.SearchAsync(db, socialOfTeam1, "typolard maxence", ct: Ct)).Select(h => h.Id).ShouldBe([other.Id]);
        }
    }

    [Fact]
    public async Task A_word_alone_lists_typo_matches_after_the_prefix_matches_unless_these_fill_the_page()
    {
        var prefix = new List<Guid>();
        foreach (var (name, first) in new[] { ("Zorbalu", "Anne"), ("Zorbalo", "Berthe"), ("Zorbale", "Cécile") })
            prefix.Add((await TestPeople.AddAsync(app, app.A, name, first)).Id);
        var typo = await TestPeople.AddAsync(app, app.A, "Zorbel", "Denise");
        // Room on the page: the typo match comes after the three prefix matches (by name).
        Ids(await SearchAsync("zorbal", limit: 10)).ShouldBe([prefix[2], prefix[1], prefix[0], typo.Id]);
        // The prefix matches fill the page (a limit of 1 reads 2 rows): the typo lookup is skipped, the page is the same.
        Ids(await SearchAsync("zorbal", limit: 1)).ShouldBe([prefix[2]]);
        Ids(await SearchAsync("zorbel", limit: 10)).ShouldBe([typo.Id], "the others are two edits away");
    }

    [Fact]
    public async Task On_postgresql_the_search_statements_are_prepared_some_with_a_generic_plan_that_nothing_else_gets()
    {
        var p = await TestPeople.AddAsync(app, app.A, "Préparoux", "Anselme", new DateOnly(1950, 2, 3), "03 80 44 55 66");
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var actor = new Actor(Guid.NewGuid(), app.A.Id, [new RoleGrant(Role.Manager)]);
        await db.Database.OpenConnectionAsync(Ct);
        // The pooled connection may hold statements other tests prepared: start from none.
        // And nothing for PostgreSQL to warn about (SET LOCAL outside a transaction block wrote a warning per search to its log).
        var notices = new List<string>();
        if (db.Database.GetDbConnection() is Npgsql.NpgsqlConnection npgsql)
        {
            npgsql.UnprepareAll();
            npgsql.Notice += (_, e) => notices.Add($"{e.Notice.Severity}: {e.Notice.MessageText}");
        }
        // Each shape twice: a name word (with its one-typo variants), two words, a number (file, phone), a date alone.
        foreach (var q in new[] { "preparoux", "preparoux", "prepraoux anselme", "prepraoux anselme", "0380445566", "0380445566", "03/02/1950", "03/02/1950" })
            (await PeopleSearch.SearchAsync(db, actor, q, ct: Ct)).Select(h => h.Id).ShouldContain(p.Id, q);
        if (!db.Database.IsNpgsql()) return; // SQLite keeps its prepared statements by itself; this test runs again against PostgreSQL
        var prepared = await db.Database.SqlQueryRaw<PreparedRow>(
            "SELECT statement AS \"Statement\", generic_plans AS \"Generic\", custom_plans AS \"Custom\" FROM pg_prepared_statements").ToListAsync(Ct);
        var search = prepared.Where(s => s.Statement.Contains("-- " + PreparedStatements.Tag, StringComparison.Ordinal)).ToList();
        search.Count.ShouldBe(4, string.Join("\n---\n", prepared.Select(s => s.Statement)));
        // One word, two words ranked from the index (a manager's) and a date alone with a generic plan; a number planned
        // for its values (after two runs).
        var generic = search.Where(s => s.Statement.Contains("-- " + PreparedStatements.GenericTag, StringComparison.Ordinal)).ToList();
        generic.Count.ShouldBe(3);
        generic.ShouldAllBe(s => s.Generic == 2 && s.Custom == 0);
        search.Except(generic).ShouldAllBe(s => s.Generic == 0 && s.Custom == 2);
        // The generic plans were asked for the search's statements only: the connection's own setting is untouched.
        (await db.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").SingleAsync(Ct)).ShouldBe("auto");
        notices.ShouldBeEmpty();
    }

    private sealed record PreparedRow(string Statement, long Generic, long Custom);

    [Fact]
    public async Task A_date_typed_with_slashes_finds_birth_dates_only_and_eight_digits_also_phones()
    {
        var born = await TestPeople.AddAsync(app, app.A, "Datelin", "Odile", new DateOnly(1941, 3, 17));
        var phoned = await TestPeople.AddAsync(app, app.A, "Numerin", "Paul", new DateOnly(1980, 1, 1), phone: "17 03 19 41 00");
        Ids(await SearchAsync("17/03/1941")).ShouldBe([born.Id]);
        Ids(await SearchAsync("17031941")).ShouldBe([born.Id, phoned.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task Phone_is_found_with_or_without_spaces_and_international_prefix()
    {
        var p = await TestPeople.AddAsync(app, app.A, "Telephonie", "Gaspard", phone: "06 98 76 54 32");
        foreach (var q in new[] { "0698765432", "06 98 76 54 32", "+33 6 98 76 54 32", "+33698765432", "06 98 76", "06.98.76.54" })
            Ids(await SearchAsync(q)).ShouldContain(p.Id, q);
        Ids(await SearchAsync("0698765431")).ShouldNotContain(p.Id);
    }

    [Fact]
    public async Task File_number_is_found()
    {
        var p = await TestPeople.AddAsync(app, app.A, "Numerote", "Henri");
        (await SearchAsync(p.FileNumber.ToString()))[0].GetProperty("id").GetGuid().ShouldBe(p.Id);
        (await SearchAsync("n° " + p.FileNumber))[0].GetProperty("id").GetGuid().ShouldBe(p.Id);
    }

    [Fact]
    public async Task A_social_worker_finds_only_their_teams_files_a_manager_and_reception_find_all_never_another_organisation()
    {
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await db.Set<Person>().CountAsync(p => p.LastName == PeopleSeed.OutsideLastName)).ShouldBe(1);
        }
        (await SearchAsync("hors-equipe", Role.SocialWorker)).ShouldBeEmpty();
        (await SearchAsync("hors equipe jean", Role.Manager)).ShouldHaveSingleItem();
        (await SearchAsync("HORS-ÉQUIPE", Role.Reception)).ShouldHaveSingleItem();
        (await SearchAsync("martin elodie", Role.SocialWorker)).ShouldHaveSingleItem();
        (await SearchAsync("martin", Role.Reception)).Count.ShouldBe(2);
        (await SearchAsync("martin", Role.Instructor)).Count.ShouldBe(2);

        // Organisation B has the same names: never found from A, and B finds its own.
        List<Guid> idsOfA;
        using (var scope = app.ScopeFor(app.A.Id))
            idsOfA = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Person>().Select(p => p.Id).ToListAsync();
        Ids(await SearchAsync("martin", Role.Manager)).ShouldAllBe(id => idsOfA.Contains(id));
        Ids(await SearchAsync("martin", Role.Manager, org: app.B)).ShouldAllBe(id => !idsOfA.Contains(id));
        (await SearchAsync("martin", Role.Manager, org: app.B)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Anonymised_files_are_never_found_and_keep_no_search_terms()
    {
        var p = await TestPeople.AddAsync(app, app.A, "Effacement", "Odile", new DateOnly(1944, 2, 2), "0611223344");
        (await SearchAsync("effacement")).ShouldHaveSingleItem();
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var person = await db.Set<Person>().SingleAsync(x => x.Id == p.Id);
            person.Status = PersonStatus.Anonymised;
            await db.SaveChangesAsync();
        }
        (await TestPeople.TermsAsync(app, app.A.Id, p.Id)).ShouldBeEmpty();
        (await SearchAsync("effacement")).ShouldBeEmpty();
        (await SearchAsync("02/02/1944")).ShouldBeEmpty();
        (await SearchAsync("0611223344")).ShouldBeEmpty();
        (await SearchAsync(p.FileNumber.ToString())).ShouldBeEmpty();
    }

    [Fact]
    public async Task Terms_follow_the_person_when_created_and_renamed()
    {
        var p = await TestPeople.AddAsync(app, app.A, "Avantmariage", "Capucine", phone: "+33 7 00 00 00 01");
        var terms = await TestPeople.TermsAsync(app, app.A.Id, p.Id);
        terms.ShouldContain((SearchTermKind.Word, "avantmariage"));
        terms.ShouldContain((SearchTermKind.Word, "capucine"));
        terms.ShouldContain((SearchTermKind.Deletion, "capuine"));
        terms.ShouldContain((SearchTermKind.Phone, "0700000001"));
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var person = await db.Set<Person>().SingleAsync(x => x.Id == p.Id);
            person.UsageName = "Apresmariage";
            person.Phone = null;
            person.SearchName = PersonNames.SearchKey(person);
            await db.SaveChangesAsync();
        }
        terms = await TestPeople.TermsAsync(app, app.A.Id, p.Id);
        terms.ShouldContain((SearchTermKind.Word, "apresmariage"));
        terms.ShouldContain((SearchTermKind.Word, "avantmariage"));
        terms.ShouldNotContain(t => t.Kind == SearchTermKind.Phone);
        Ids(await SearchAsync("apresmariage capucine")).ShouldBe([p.Id]);
        (await SearchAsync("0700000001")).ShouldBeEmpty();

        // Renamed entirely: the old name no longer finds the file.
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var person = await db.Set<Person>().SingleAsync(x => x.Id == p.Id);
            person.LastName = "Nouveaunom";
            await db.SaveChangesAsync();
        }
        (await SearchAsync("avantmariage")).ShouldBeEmpty();
        Ids(await SearchAsync("nouveaunom")).ShouldBe([p.Id]);
    }

    [Fact]
    public async Task A_renamed_file_takes_its_new_place_in_the_list_though_the_searched_word_is_kept()
    {
        // The terms carry the person's rank: a term kept by a rename (the first name) must move with the new name.
        var first = await TestPeople.AddAsync(app, app.A, "Bbrangeur", "Rangevoile");
        var second = await TestPeople.AddAsync(app, app.A, "Ccrangeur", "Rangevoile");
        foreach (var role in new[] { Role.Manager, Role.SocialWorker })
            Ids(await SearchAsync("rangevoile", role)).ShouldBe([first.Id, second.Id], role.ToString());
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var person = await db.Set<Person>().SingleAsync(x => x.Id == second.Id, Ct);
            person.LastName = "Aarangeur";
            person.SearchName = PersonNames.SearchKey(person);
            await db.SaveChangesAsync(Ct);
            (await db.Set<PersonSearchTerm>().Where(t => t.PersonId == second.Id).Select(t => t.SearchName).Distinct().ToListAsync(Ct))
                .ShouldBe([" aarangeur rangevoile "]);
        }
        foreach (var role in new[] { Role.Manager, Role.SocialWorker })
            Ids(await SearchAsync("rangevoile", role)).ShouldBe([second.Id, first.Id], role.ToString());
    }

    [Fact]
    public async Task Rebuild_restores_terms_removed_behind_the_index_back()
    {
        var p = await TestPeople.AddAsync(app, app.A, "Reconstruit", "Anatole");
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Set<PersonSearchTerm>().Where(t => t.PersonId == p.Id).ExecuteDeleteAsync(Ct);
            (await SearchAsync("reconstruit")).ShouldBeEmpty();
            await PersonSearchIndex.RebuildAsync(db, [p.Id], Ct);
        }
        Ids(await SearchAsync("reconstruit anatole")).ShouldBe([p.Id]);
    }

    [Fact]
    public async Task Limit_defaults_to_20_and_is_at_most_50()
    {
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            for (var i = 0; i < 55; i++)
            {
                var person = new Person { FileNumber = 80000 + i, LastName = "Limitrophe", FirstNames = $"Prenom{i:00}", SiteId = app.A.SiteIds[0] };
                person.SearchName = PersonNames.SearchKey(person);
                db.Add(person);
            }
            await db.SaveChangesAsync();
        }
        (await SearchAsync("limitrophe")).Count.ShouldBe(20);
        (await SearchAsync("limitrophe", limit: 50)).Count.ShouldBe(50);
        (await SearchAsync("limitrophe", limit: 500)).Count.ShouldBe(50);
        (await SearchAsync("limitrophe", limit: 3)).Select(h => h.GetProperty("fileNumber").GetInt32()).ShouldBe([80000, 80001, 80002]);
    }

    [Theory]
    [InlineData(Role.Admin)]
    [InlineData(Role.StatsReader)]
    [InlineData(Role.Volunteer)]
    [InlineData(Role.CommissionMember)]
    public async Task Roles_without_search_are_refused_on_page_and_api(Role role)
    {
        var client = await app.SignedInAsync(app.A, role);
        (await client.GetAsync("/api/people/search?q=martin", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var page = await client.GetAsync("/personnes?q=martin", Ct);
        (page.StatusCode == HttpStatusCode.Forbidden || TestPeople.IsAccessDenied(page.Headers.Location)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(Role.Manager)]
    [InlineData(Role.SocialWorker)]
    [InlineData(Role.Instructor)]
    [InlineData(Role.Reception)]
    public async Task The_page_lists_results_linked_to_the_files_and_works_without_javascript(Role role)
    {
        var client = await app.SignedInAsync(app.A, role);
        var html = await client.GetStringAsync("/personnes?q=martin+elodie", Ct);
        html.ShouldContain("<h1>Personnes</h1>");
        html.ShouldContain("aria-live=\"polite\"");
        html.ShouldContain("hx-trigger=\"input changed delay:200ms");
        html.ShouldContain("href=\"/personnes/nouveau\"");
        using var scope = app.ScopeFor(app.A.Id);
        var elodie = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Person>().SingleAsync(p => p.FirstNames == "Élodie", Ct);
        html.ShouldContain($"href=\"/personnes/{elodie.Id}\"");
        html.ShouldContain("MARTIN Élodie");

        // As you type (htmx): only the results region comes back.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/personnes?q=martin+elo");
        request.Headers.Add("HX-Request", "true");
        var partial = await (await client.SendAsync(request, Ct)).Content.ReadAsStringAsync(Ct);
        partial.ShouldNotContain("<html");
        partial.ShouldContain($"href=\"/personnes/{elodie.Id}\"");
        partial.ShouldContain("<caption>1 personne trouvée</caption>");
    }

    [Fact]
    public async Task Bearer_token_clients_search_too_and_an_empty_query_answers_an_empty_list()
    {
        var client = await app.SignedInAsync(app.A, Role.Reception);
        var (_, secret) = await AppFixture.CreateTokenAsync(client, Role.Reception);
        var bearer = app.BearerClient(secret);
        var hits = await bearer.GetFromJsonAsync<List<JsonElement>>("/api/people/search?q=martin", Ct);
        hits!.Count.ShouldBe(2);
        (await bearer.GetFromJsonAsync<List<JsonElement>>("/api/people/search", Ct))!.ShouldBeEmpty();
        (await bearer.GetFromJsonAsync<List<JsonElement>>("/api/people/search?q=%20", Ct))!.ShouldBeEmpty();
    }
}
