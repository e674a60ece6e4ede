using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using OpenCcas.Domain.People;
using OpenCcas.Web.Tests.People;
using OpenCcas.Domain.Reception;

namespace OpenCcas.Web.Tests.Reception;

internal static class ReceptionTestData
{
    public static readonly Role[] AllRoles = Enum.GetValues<Role>();
    public static readonly Role[] DeskRoles = [Role.Manager, Role.SocialWorker, Role.Instructor, Role.Reception];

    public static async Task<Guid> PersonIdAsync(AppFixture app, SeededOrganisation org, string lastName, string firstNames)
    {
        using var scope = app.ScopeFor(org.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Set<Person>().Where(p => p.LastName == lastName && p.FirstNames == firstNames).Select(p => p.Id).FirstAsync();
    }

    public static Task<Guid> ElodieAsync(AppFixture app, SeededOrganisation org) => PersonIdAsync(app, org, PeopleSeed.InTeamLastName, "Élodie");
    public static Task<Guid> JeanAsync(AppFixture app, SeededOrganisation org) => PersonIdAsync(app, org, PeopleSeed.OutsideLastName, "Jean");

    public static async Task<T> WithDbAsync<T>(AppFixture app, SeededOrganisation org, Func<AppDbContext, Task<T>> work)
    {
        using var scope = app.ScopeFor(org.Id);
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static async Task<IHtmlDocument> PageAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return new HtmlParser().ParseDocument(html);
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string action, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await AppFixture.AntiforgeryTokenAsync(client, page);
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    /// <summary>A time in Paris, <paramref name="days"/> from today, as an instant.</summary>
    public static DateTimeOffset ParisAt(int days, int hour, int minute = 0) =>
        ParisTime.ToInstant(ParisTime.Today(DateTimeOffset.UtcNow).AddDays(days).ToDateTime(new TimeOnly(hour, minute)));

    public static bool IsAccessDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("acces-refuse") == true);
}
