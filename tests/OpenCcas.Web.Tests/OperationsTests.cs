using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using OpenCcas.Domain.Platform;

namespace OpenCcas.Web.Tests;

/// <summary>The organisation's logo upload: type checked by content, size limited, French messages.</summary>
public sealed class LogoUploadTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName, string contentType)
    {
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/administration");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        form.Add(file, "logo", fileName);
        return await client.PostAsync("/administration?handler=Logo", form, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_png_logo_is_stored_and_shown_in_the_header()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = await app.SignedInAsync(app.A, Role.Admin);
        var response = await UploadAsync(client, Png, "logo.png", "image/png");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var logo = await client.GetAsync("/logo", ct);
        logo.StatusCode.ShouldBe(HttpStatusCode.OK);
        logo.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await logo.Content.ReadAsByteArrayAsync(ct)).ShouldBe(Png);
        (await client.GetStringAsync("/", ct)).ShouldContain("src=\"/logo\"");
        // Another organisation's users see their own (absent) logo, never A's.
        var other = await app.SignedInAsync(app.B, Role.Admin);
        (await other.GetAsync("/logo", ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_file_that_is_not_an_image_is_refused_whatever_its_name()
    {
        var client = await app.SignedInAsync(app.A, Role.Admin);
        var response = await UploadAsync(client, "<svg onload=alert(1)>"u8.ToArray(), "logo.png", "image/png");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("seuls les images PNG et JPEG sont acceptées");
    }

    [Fact]
    public async Task A_logo_over_the_size_limit_is_refused()
    {
        var big = new byte[600 * 1024];
        Png.CopyTo(big, 0);
        var client = await app.SignedInAsync(app.A, Role.Admin);
        var response = await UploadAsync(client, big, "logo.png", "image/png");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldContain("dépasse la taille autorisée");
    }

    [Fact]
    public async Task Only_an_administrator_may_change_the_logo()
    {
        var client = await app.SignedInAsync(app.A, Role.Manager);
        var response = await client.GetAsync("/administration", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
    }
}

/// <summary>When the database cannot be reached the application answers a friendly 503, never a stack trace.</summary>
public sealed class UnreachableDatabaseTests : IAsyncLifetime
{
    private sealed class Factory(string provider, string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            var settings = new Dictionary<string, string?>
            {
                ["Database:Provider"] = provider,
                ["ConnectionStrings:OpenCcas"] = connectionString,
                ["Demo:Enabled"] = "false",
                ["Logging:LogLevel:Default"] = "None",
            };
            foreach (var (k, v) in settings) builder.UseSetting(k, v);
            builder.ConfigureTestServices(services => AppFixture.ReplaceDatabase(services, settings));
        }
    }

    private readonly Factory factory = Environment.GetEnvironmentVariable("OPENCCAS_TEST_DB") is { } db
        && db.Equals("Postgres", StringComparison.OrdinalIgnoreCase)
            // Nothing listens on port 1: the connection is refused.
            ? new Factory("Postgres", "Host=127.0.0.1;Port=1;Username=postgres;Database=absent;Timeout=3")
            // A file under a directory that does not exist cannot be opened.
            : new Factory("Sqlite", "Data Source=/nonexistent-openccas-dir/openccas.db;Mode=ReadWrite");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    [Fact]
    public async Task Health_check_says_unhealthy()
    {
        var response = await factory.CreateClient().GetAsync("/healthz", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Unhealthy");
    }

    [Fact]
    public async Task Signing_in_shows_the_french_unavailable_page_without_a_stack_trace()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = await AppFixture.AntiforgeryTokenAsync(client, "/connexion");
        var response = await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "admin@exemple.fr", ["Input.Password"] = "Quelconque-2026", ["__RequestVerificationToken"] = token,
        }), ct);
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var html = await response.Content.ReadAsStringAsync(ct);
        html.ShouldContain("Service momentanément indisponible");
        html.ShouldNotContain("Exception");
        html.ShouldNotContain(" at OpenCcas");
    }

    [Fact]
    public async Task The_api_answers_a_problem_document()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "occas_inconnu");
        var response = await client.GetAsync("/api/sites", ct);
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var body = await response.Content.ReadAsStringAsync(ct);
        body.ShouldContain("indisponible");
        body.ShouldNotContain("Exception");
    }
}
