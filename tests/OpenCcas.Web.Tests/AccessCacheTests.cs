using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Tests;

/// <summary>
/// Who a caller is comes from <see cref="AccessCache"/>: a change to roles, teams, tokens or accounts saved by the
/// application applies to the very next request; any other change within <see cref="AccessCache.Lifetime"/>.
/// </summary>
public sealed class AccessCacheTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task A_value_is_kept_for_its_lifetime_then_read_again()
    {
        var clock = new Clock();
        var cache = new AccessCache(clock);
        var loads = 0;
        Task<string?> Load() => Task.FromResult<string?>($"lecture {++loads}");

        (await cache.GetAsync("clé", Load)).ShouldBe("lecture 1");
        clock.Now += AccessCache.Lifetime - TimeSpan.FromSeconds(1);
        (await cache.GetAsync("clé", Load)).ShouldBe("lecture 1");
        clock.Now += TimeSpan.FromSeconds(2);
        (await cache.GetAsync("clé", Load)).ShouldBe("lecture 2");
        cache.Clear();
        (await cache.GetAsync("clé", Load)).ShouldBe("lecture 3");
    }

    [Fact]
    public async Task A_value_read_while_a_change_is_saved_is_not_kept()
    {
        var cache = new AccessCache(new Clock());
        var loads = 0;
        // The change lands (and clears the cache) while the old value is being read.
        (await cache.GetAsync("clé", () => { loads++; cache.Clear(); return Task.FromResult<string?>("ancienne valeur"); })).ShouldBe("ancienne valeur");
        (await cache.GetAsync("clé", () => { loads++; return Task.FromResult<string?>("nouvelle valeur"); })).ShouldBe("nouvelle valeur");
        loads.ShouldBe(2);
    }

    [Fact]
    public async Task A_role_taken_away_applies_to_the_next_call()
    {
        var org = await app.SeedOrganisationAsync("Organisation cache des rôles", "cache-roles.test");
        var cookie = await app.SignInNewClientAsync(org.Email(Role.Admin));
        var (_, secret) = await AppFixture.CreateTokenAsync(cookie, Role.Admin);
        using var bearer = app.BearerClient(secret);
        (await bearer.GetAsync("/api/users", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bearer.GetAsync("/api/users", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK); // now answered from the cache

        using (var scope = app.ScopeFor(org.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.RoleAssignments.RemoveRange(db.RoleAssignments.Where(r => r.UserId == org.UserIds[Role.Admin]));
            await db.SaveChangesAsync(Ct);
        }
        (await bearer.GetAsync("/api/users", Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Joining_a_team_opens_its_files_on_the_next_search()
    {
        var org = await app.SeedOrganisationAsync("Organisation cache des équipes", "cache-equipes.test");
        var cookie = await app.SignInNewClientAsync(org.Email(Role.SocialWorker));
        var (_, secret) = await AppFixture.CreateTokenAsync(cookie, Role.SocialWorker);
        using var bearer = app.BearerClient(secret);
        // Jean HORS-ÉQUIPE is followed by team 2 only; the social worker is in team 1.
        (await bearer.GetFromJsonAsync<JsonElement>("/api/people/search?q=hors", Ct)).GetArrayLength().ShouldBe(0);

        using (var scope = app.ScopeFor(org.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.TeamMembers.Add(new TeamMember { TeamId = org.TeamIds[1], UserId = org.UserIds[Role.SocialWorker] });
            await db.SaveChangesAsync(Ct);
        }
        (await bearer.GetFromJsonAsync<JsonElement>("/api/people/search?q=hors", Ct)).GetArrayLength().ShouldBe(1);
    }
}
