using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Demo;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Tenancy;
using OpenCcas.Web.Platform;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Browser.Tests;

/// <summary>
/// The real application on a real loopback port (Kestrel, SQLite in a temporary folder, demo organisation seeded),
/// and one headless Chromium (Debian's, never a downloaded one) shared by every test of the collection.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium; OPENCCAS_CHROMIUM points elsewhere on another system. Playwright never downloads one.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("OPENCCAS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public const string TwoFactorEmail = "deux-facteurs@" + DemoSeeder.Domain;

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "openccas-browser-" + Guid.NewGuid().ToString("N"));
    private Factory? factory;
    /// <summary>The application's services, for tests that add records the demo does not have.</summary>
    public IServiceProvider Services => factory!.Services;
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;
    public Uri BaseAddress { get; private set; } = null!;
    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <summary>
    /// Screenshots of the pages the tests go through, to look at them: taken when OPENCCAS_SCREENSHOTS=1 (a full-page
    /// capture costs up to a second on a long page), and always of a page found wrong (<see cref="PageChecks.VisitAsync"/>).
    /// </summary>
    private readonly bool screenshots = Environment.GetEnvironmentVariable("OPENCCAS_SCREENSHOTS") == "1";

    public async Task ScreenshotAsync(IPage page, string name, bool fullPage = true, bool always = false)
    {
        if (screenshots || always)
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = fullPage });
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        if (Directory.Exists(ScreenshotDirectory)) Directory.Delete(ScreenshotDirectory, recursive: true);
        Directory.CreateDirectory(ScreenshotDirectory);
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium introuvable à {ChromiumPath} : installez le paquet chromium ou définissez OPENCCAS_CHROMIUM.");
        factory = new Factory(dataDirectory);
        factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");

        // Program.Main stops at Build() under the factory, so OpenCcasApp.PrepareAsync never runs: do its work here.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await Database.MigrateAsync(db);
            var demo = scope.ServiceProvider.GetRequiredService<DemoPreparation>();
            await demo.StartAsync(400);
            await demo.Ready;

            // An account of its own for the second-factor test, so that turning it on changes no role's sign-in.
            var org = await db.Organisations.IgnoreQueryFilters().SingleAsync();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(org.Id);
            scope.ServiceProvider.GetRequiredService<AuditActor>().Set(null, "Tests dans le navigateur");
            var (_, errors) = await scope.ServiceProvider.GetRequiredService<UserAccounts>().CreateAsync(new UserInput
            {
                FirstName = "Camille", LastName = "Deux-Facteurs", Email = TwoFactorEmail,
                Roles = [new RoleInput { Role = Role.StatsReader }],
            }, DemoSeeder.Password);
            if (errors.Any()) throw new InvalidOperationException(string.Join(" ", errors));
        }

        playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", "--disable-quic",
                // Native widgets (date fields, file pickers) in French, as an agent's browser shows them.
                "--lang=fr-FR",
            ],
        });
    }

    /// <summary>A fresh, cookie-less browser context whose relative URLs resolve against the app.</summary>
    public async Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 900) =>
        await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "fr-FR",
            TimezoneId = "Europe/Paris",
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        playwright?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private sealed class Factory(string dataDirectory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Demo:People", "400");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:DataDirectory", dataDirectory);
            builder.UseSetting("ConnectionStrings:OpenCcas", "");
            builder.UseSetting("Security:SignInPerMinute", "1000");
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "Navigateur";
}
