using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Web.Platform;
using OpenCcas.Web.Tests.People;

namespace OpenCcas.Web.Tests.FollowUp;

/// <summary>What the follow-up tests share: the seeded people and records, form posts, extra accounts.</summary>
public static class InterviewTestKit
{
    public static async Task<Guid> ElodieAsync(AppFixture app, SeededOrganisation org)
    {
        using var scope = app.ScopeFor(org.Id);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Person>()
            .Where(p => p.LastName == PeopleSeed.InTeamLastName && p.FirstNames == "Élodie").Select(p => p.Id).SingleAsync();
    }

    public static async Task<Guid> OutsideAsync(AppFixture app, SeededOrganisation org)
    {
        using var scope = app.ScopeFor(org.Id);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Person>()
            .Where(p => p.LastName == PeopleSeed.OutsideLastName).Select(p => p.Id).SingleAsync();
    }

    /// <summary>The seeded note of this level on Élodie's file.</summary>
    public static async Task<Guid> SeededNoteAsync(AppFixture app, SeededOrganisation org, NoteConfidentiality level)
    {
        var text = level switch { NoteConfidentiality.Private => InterviewSeed.PrivateText, NoteConfidentiality.Team => InterviewSeed.TeamText, _ => InterviewSeed.FileText };
        using var scope = app.ScopeFor(org.Id);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Note>().Where(n => n.Text == text).Select(n => n.Id).SingleAsync();
    }

    public static async Task<T> QueryAsync<T>(AppFixture app, SeededOrganisation org, Func<AppDbContext, Task<T>> query)
    {
        using var scope = app.ScopeFor(org.Id);
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Posts a form as a browser would (antiforgery token from the dashboard's sign-out form).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/");
        var all = fields.Append(new("__RequestVerificationToken", token)).ToList();
        return await client.PostAsync(url, new FormUrlEncodedContent(all));
    }

    public static bool IsDenied(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Forbidden
        || (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location?.OriginalString.Split('?')[0].EndsWith("/acces-refuse") == true);

    public static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage r) =>
        new HtmlParser().ParseDocument(await r.Content.ReadAsStringAsync());

    /// <summary>Creates (once) an extra account in <paramref name="org"/> with one role and one team, and signs it in.</summary>
    public static async Task<(Guid Id, HttpClient Client)> ExtraAgentAsync(AppFixture app, SeededOrganisation org, string local, Role role, Guid team)
    {
        var email = $"{local}@{org.EmailDomain}";
        Guid id;
        using (var scope = app.ScopeFor(org.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var existing = await db.Users.Where(u => u.Email == email).Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
            if (existing is { } e) id = e;
            else
            {
                var (user, errors) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(new UserInput
                {
                    FirstName = "Agent", LastName = local, Email = email, Roles = [new RoleInput { Role = role }], TeamIds = [team],
                }, AppFixture.Password);
                id = user?.Id ?? throw new InvalidOperationException(string.Join(" ", errors));
            }
        }
        return (id, await app.SignedInAsync(email));
    }

    public static async Task<List<AuditEntry>> ReadsOfAsync(AppFixture app, SeededOrganisation org, Guid personId, Guid userId) =>
        await QueryAsync(app, org, db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.Read && a.EntityType == "Person" && a.EntityId == personId.ToString() && a.UserId == userId).ToListAsync());
}
