using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Identity.Tests;

/// <summary>
/// The real application over a temporary SQLite file, with the demo organisation (one account per role).
/// Subclasses add settings (SMTP, OpenID Connect) and start their loopback servers first.
/// </summary>
public class AppFixture : IAsyncLifetime
{
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "openccas-identity-" + Guid.NewGuid().ToString("N"));
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    protected virtual Task StartServersAsync() => Task.CompletedTask;
    protected virtual IEnumerable<(string Key, string Value)> Settings() => [];

    public async ValueTask InitializeAsync()
    {
        await StartServersAsync();
        Directory.CreateDirectory(dataDir);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:DataDirectory", dataDir);
            b.UseSetting("ConnectionStrings:OpenCcas", "");
            b.UseSetting("Demo:Enabled", "true");
            b.UseSetting("Demo:People", "0");
            b.UseSetting("Security:SignInPerMinute", "1000");
            foreach (var (key, value) in Settings()) b.UseSetting(key, value);
        });
        _ = Factory.Server; // starts the host and migrates; the demo is seeded in the background
        await Factory.Services.GetRequiredService<OpenCcas.Web.Demo.DemoPreparation>().Ready;
    }

    public Browser NewBrowser() => new(Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));

    /// <summary>Runs <paramref name="work"/> in a scope acting for the demo organisation.</summary>
    public async Task<T> InOrganisationAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        using var scope = Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = await db.Organisations.IgnoreQueryFilters().Select(o => o.Id).FirstAsync();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(org);
        scope.ServiceProvider.GetRequiredService<AuditActor>().Set(null, "tests");
        return await work(db);
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }
}
