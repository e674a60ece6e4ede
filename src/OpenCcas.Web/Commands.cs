using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Operations;
using OpenCcas.Web.Infrastructure.Tenancy;
using OpenCcas.Web.Platform;

namespace OpenCcas.Web;

// The host's command-line operations. They live beside OpenCcasApp, not in Infrastructure, because they use
// modules (create-organisation creates the first administrator through Platform's UserAccounts).

/// <summary>Operations for the IT person, run as "dotnet run --project src/OpenCcas.Web -- COMMAND …".</summary>
public static class Commands
{
    private static readonly string[] Names = ["create-organisation", "verify-audit", "backup", "restore", "migrate", "retention", "help"];

    public static bool IsCommand(string word) => Names.Contains(word);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var options = Options(args.Skip(1).ToArray());
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(app),
                "create-organisation" => await CreateOrganisationAsync(app, options),
                "verify-audit" => await VerifyAuditAsync(app),
                "backup" => await BackupAsync(app, Required(options, "to")),
                "restore" => await RestoreAsync(app, Required(options, "from")),
                "retention" => await RetentionAsync(app, options.ContainsKey("dry-run")),
                _ => Help(),
            };
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return 2;
        }
    }

    private static int Help()
    {
        Console.WriteLine("""
            Commandes :
              migrate                                   crée ou met à jour la base
              create-organisation --name "CCAS de …" --kind Ccas|Cias --admin-email … --admin-first-name … --admin-last-name …
                                  [--communes "A;B"] [--siret …] [--admin-password …]
              verify-audit                              vérifie la chaîne du journal d'audit de chaque organisation
              backup --to fichier.db                    sauvegarde à chaud de la base SQLite
              restore --from fichier.db                 restaure une sauvegarde SQLite (application arrêtée)
              retention [--dry-run]                     applique les durées de conservation (anonymise les dossiers expirés) ;
                                                        --dry-run compte sans rien changer
            """);
        return 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var result = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
            if (args[i].StartsWith("--", StringComparison.Ordinal))
                result[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
        return result;
    }

    private static string Required(Dictionary<string, string> o, string name) =>
        o.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v : throw new ArgumentException($"L'option --{name} est obligatoire.");

    private static async Task<int> MigrateAsync(WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        Console.WriteLine("Base à jour.");
        return 0;
    }

    private static async Task<int> CreateOrganisationAsync(WebApplication app, Dictionary<string, string> o)
    {
        using var scope = app.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<AppDbContext>();
        await Database.MigrateAsync(db);
        var kind = Enum.TryParse<OrganisationKind>(o.GetValueOrDefault("kind", "Ccas"), true, out var k) ? k : throw new ArgumentException("--kind vaut Ccas ou Cias.");
        var siret = o.GetValueOrDefault("siret");
        if (Organisation.ValidateSiret(siret) is { } siretError) throw new ArgumentException(siretError);
        var org = new Organisation
        {
            Name = Required(o, "name"),
            Kind = kind,
            Siret = siret,
            Communes = string.Join('\n', o.GetValueOrDefault("communes", "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
        };
        sp.GetRequiredService<TenantContext>().Set(org.Id);
        sp.GetRequiredService<AuditActor>().Set(null, "Commande create-organisation");
        var password = o.GetValueOrDefault("admin-password");
        var input = new UserInput
        {
            Email = Required(o, "admin-email"),
            FirstName = Required(o, "admin-first-name"),
            LastName = Required(o, "admin-last-name"),
            Roles = [new RoleInput { Role = Role.Admin }],
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Organisations.Add(org);
        await db.SaveChangesAsync();
        var (user, errors) = await sp.GetRequiredService<UserAccounts>().CreateAsync(input, password);
        if (user is null)
        {
            Console.Error.WriteLine("Création impossible : " + string.Join(" ", errors));
            return 1; // the transaction is rolled back: nothing half-written
        }
        await tx.CommitAsync();
        Console.WriteLine($"Organisation « {org.Name} » créée ({org.Id}).");
        Console.WriteLine(password is null
            ? $"Administrateur {input.Email} créé sans mot de passe : utilisez « Mot de passe oublié » sur la page de connexion."
            : $"Administrateur {input.Email} créé.");
        return 0;
    }

    private static async Task<int> VerifyAuditAsync(WebApplication app)
    {
        List<Guid> orgs;
        using (var scope = app.Services.CreateScope())
            orgs = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Organisations.IgnoreQueryFilters().Select(x => x.Id).ToListAsync();
        var failures = 0;
        foreach (var org in orgs)
        {
            using var scope = app.Services.CreateScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(org);
            var report = await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
            Console.WriteLine($"{org} : {report.Message}");
            if (!report.Intact) failures++;
        }
        return failures == 0 ? 0 : 1;
    }

    private static async Task<int> RetentionAsync(WebApplication app, bool dryRun)
    {
        using (var scope = app.Services.CreateScope())
            await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        var reports = await People.Retention.RetentionJob.RunAllAsync(app.Services, People.Retention.RetentionJob.RulesFrom(app.Configuration),
            DateTimeOffset.UtcNow, dryRun);
        foreach (var (org, report) in reports) Console.WriteLine($"{org} : {report.Summary}");
        return 0;
    }

    private static async Task<int> BackupAsync(WebApplication app, string to)
    {
        var cs = SqliteConnectionStringOf(app);
        await Backup.SqliteAsync(cs, Path.GetFullPath(to));
        Console.WriteLine($"Sauvegarde écrite : {Path.GetFullPath(to)}");
        return 0;
    }

    private static async Task<int> RestoreAsync(WebApplication app, string from)
    {
        var cs = SqliteConnectionStringOf(app);
        await Backup.RestoreSqliteAsync(Path.GetFullPath(from), cs);
        Console.WriteLine("Sauvegarde restaurée.");
        return 0;
    }

    private static string SqliteConnectionStringOf(WebApplication app)
    {
        if (Database.ProviderOf(app.Configuration) != DatabaseProvider.Sqlite)
            throw new ArgumentException("Avec PostgreSQL, sauvegardez avec pg_dump et restaurez avec pg_restore (voir le README).");
        return Database.ConnectionStringOf(app.Configuration, app.Environment.ContentRootPath);
    }
}
