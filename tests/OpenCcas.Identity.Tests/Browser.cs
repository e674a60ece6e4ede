using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Shouldly;

namespace OpenCcas.Identity.Tests;

/// <summary>
/// A minimal browser over the app's HttpClient: keeps its own cookies (including the Secure ones the OpenID Connect
/// handler sets over plain HTTP), fills and posts forms with their antiforgery token, and follows redirects by hand —
/// across to another server (the fake identity provider) when the Location points there.
/// </summary>
public sealed class Browser(HttpClient app)
{
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);
    private static readonly HtmlParser Parser = new();
    public HttpClient? External { get; set; }
    public List<string> Visited { get; } = [];

    public bool HasCookie(string name) => cookies.ContainsKey(name);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, HttpContent? content = null)
    {
        var uri = new Uri(url, UriKind.RelativeOrAbsolute);
        var toApp = !uri.IsAbsoluteUri || uri.Host == "localhost";
        using var request = new HttpRequestMessage(method, toApp && uri.IsAbsoluteUri ? uri.PathAndQuery : url) { Content = content };
        if (toApp && cookies.Count > 0)
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        Visited.Add(url);
        var client = toApp ? app : External ?? throw new InvalidOperationException("No external client for " + url);
        var response = await client.SendAsync(request);
        if (toApp && response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var header in setCookies) Store(header);
        return response;
    }

    private void Store(string header)
    {
        var first = header.Split(';')[0];
        var eq = first.IndexOf('=');
        var name = first[..eq].Trim();
        var value = first[(eq + 1)..].Trim();
        var expired = header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase);
        if (expired || value.Length == 0) cookies.Remove(name);
        else cookies[name] = value;
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);

    /// <summary>Follows redirects (at most 10) and returns the last response.</summary>
    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response, string from)
    {
        var current = from;
        for (var i = 0; i < 10 && IsRedirect(response.StatusCode); i++)
        {
            var location = response.Headers.Location!;
            current = location.IsAbsoluteUri ? location.ToString() : new Uri(new Uri(Absolute(current)), location).ToString();
            response = await GetAsync(current);
        }
        return response;
    }

    public async Task<HttpResponseMessage> GetFollowingAsync(string url) => await FollowAsync(await GetAsync(url), url);

    private static string Absolute(string url) => Uri.IsWellFormedUriString(url, UriKind.Absolute) ? url : "http://localhost" + url;
    public static bool IsRedirect(HttpStatusCode code) => (int)code is >= 300 and < 400;

    public async Task<IDocument> PageAsync(string url)
    {
        var response = await GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}");
        return await ParseAsync(response);
    }

    public static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>The text of the page as a reader sees it (entities decoded).</summary>
    public static async Task<string> TextAsync(HttpResponseMessage response) => (await ParseAsync(response)).Body?.TextContent ?? "";

    /// <summary>Loads <paramref name="url"/>, fills the form chosen by <paramref name="formSelector"/> and posts it.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string url, string formSelector, params (string Name, string Value)[] values)
    {
        var page = await PageAsync(url);
        return await SubmitAsync(page, url, formSelector, values);
    }

    public async Task<HttpResponseMessage> SubmitAsync(IDocument page, string url, string formSelector, params (string Name, string Value)[] values)
    {
        var form = page.QuerySelector(formSelector) as IHtmlFormElement ?? throw new InvalidOperationException($"No form '{formSelector}' in {url}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input, select, textarea"))
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name)) continue;
            if (element is IHtmlInputElement { Type: "checkbox" or "radio" } box)
            {
                if (box.IsChecked) fields.Add(new(name, box.Value));
                continue;
            }
            if (element is IHtmlInputElement { Type: "submit" }) continue;
            fields.Add(new(name, element switch
            {
                IHtmlInputElement i => i.Value,
                IHtmlSelectElement s => s.Value ?? "",
                IHtmlTextAreaElement t => t.Value,
                _ => "",
            }));
        }
        var overridden = values.Select(v => v.Name).ToHashSet();
        fields.RemoveAll(f => overridden.Contains(f.Key));
        fields.AddRange(values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url;
        return await SendAsync(HttpMethod.Post, action, new FormUrlEncodedContent(fields));
    }

    /// <summary>Signs in with a password and follows to the page the sign-in leads to.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string email, string password)
    {
        var response = await SubmitAsync("/connexion", "main form", ("Input.Email", email), ("Input.Password", password));
        return response;
    }
}
