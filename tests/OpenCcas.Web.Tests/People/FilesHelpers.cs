using AngleSharp.Html.Parser;
using OpenCcas.Domain.People;

namespace OpenCcas.Web.Tests.People;

/// <summary>What the person file and household tests share: seeded ids, form posts as a browser sends them.</summary>
internal static class FilesHelpers
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<Guid> PersonIdAsync(AppFixture app, SeededOrganisation org, string lastName, string firstNames)
    {
        using var scope = app.ScopeFor(org.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<Person>().Where(p => p.LastName == lastName && p.FirstNames == firstNames).Select(p => p.Id).SingleAsync(Ct);
    }

    public static Task<Guid> MartinAsync(AppFixture app) => PersonIdAsync(app, app.A, PeopleSeed.InTeamLastName, "Élodie");
    public static Task<Guid> OutsideAsync(AppFixture app) => PersonIdAsync(app, app.A, PeopleSeed.OutsideLastName, "Jean");

    public static async Task<T> QueryAsync<T>(AppFixture app, Func<AppDbContext, Task<T>> query)
    {
        using var scope = app.ScopeFor(app.A.Id);
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    /// <summary>Posts a form with the antiforgery token of <paramref name="page"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, page);
        var all = fields.Append(new("__RequestVerificationToken", token)).ToList();
        return await client.PostAsync(action, new FormUrlEncodedContent(all), Ct);
    }

    public static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, Dictionary<string, string> fields) =>
        PostFormAsync(client, page, page, fields);

    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> HtmlAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));

    /// <summary>The "accès refusé" answer of a page: 403, or the redirection to the French page.</summary>
    public static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && (response.Headers.Location?.OriginalString ?? "").Contains("/acces-refuse"));

    public static async Task<int> VersionAsync(AppFixture app, Guid personId) =>
        await QueryAsync(app, db => db.Set<Person>().Where(p => p.Id == personId).Select(p => p.Version).SingleAsync(Ct));

    /// <summary>A new person created through the API (confirmed as not a duplicate), followed by team 1 at site 1.</summary>
    public static async Task<Guid> NewPersonAsync(AppFixture app, HttpClient client, string lastName, string firstNames, string? birthDate = null)
    {
        var response = await client.PostAsJsonAsync("/api/people", new
        {
            lastName, firstNames, birthDate, sex = "Female", siteId = app.A.SiteIds[0], teamIds = new[] { app.A.TeamIds[0] }, confirmDuplicate = true,
        }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }
}
