using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using OpenCcas.Domain.People;
using OpenCcas.Web.Tests.People;

namespace OpenCcas.Web.Tests.FollowUp;

/// <summary>What the plans, collective actions and digital help tests share: posting a page's forms, finding the seeded people.</summary>
public static class PlanTestHelpers
{
    /// <summary>Posts a form to <paramref name="action"/> with the antiforgery token of <paramref name="page"/>, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, IDictionary<string, string?> fields)
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, page);
        var values = fields.Where(kv => kv.Value is not null).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value!)).ToList();
        values.Add(new("__RequestVerificationToken", token));
        return await client.PostAsync(action, new FormUrlEncodedContent(values));
    }

    public static IHtmlDocument Html(string html) => new HtmlParser().ParseDocument(html);

    public static async Task<IHtmlDocument> HtmlAsync(HttpResponseMessage response) => Html(await response.Content.ReadAsStringAsync());

    public static string? PathOf(Uri? location) =>
        location is null ? null : location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?', '#')[0];

    /// <summary>A refusal: 403 (API) or the redirect to the French "accès refusé" page.</summary>
    public static bool IsDenied(HttpResponseMessage r) =>
        r.StatusCode == HttpStatusCode.Forbidden || (r.StatusCode == HttpStatusCode.Redirect && PathOf(r.Headers.Location) == "/acces-refuse");

    public static async Task<Guid> PersonAsync(AppFixture app, SeededOrganisation org, string lastName, string firstNames)
    {
        using var scope = app.ScopeFor(org.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<Person>().Where(p => p.LastName == lastName && p.FirstNames == firstNames).Select(p => p.Id).SingleAsync();
    }

    public static Task<Guid> ElodieAsync(AppFixture app, SeededOrganisation org) => PersonAsync(app, org, PeopleSeed.InTeamLastName, "Élodie");
    public static Task<Guid> OutsideAsync(AppFixture app, SeededOrganisation org) => PersonAsync(app, org, PeopleSeed.OutsideLastName, "Jean");

    public static async Task<T> WithDbAsync<T>(AppFixture app, SeededOrganisation org, Func<AppDbContext, Task<T>> work)
    {
        using var scope = app.ScopeFor(org.Id);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
