using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.People.Files;

/// <summary>The writes of the person file, shared by its pages and its API.</summary>
public static class PersonFileService
{
    /// <summary>The follow-up a new file gets when the form does not say: the agent's site if their role is limited to
    /// one, the agent themself as referent if they are a social worker, and the agent's teams.</summary>
    public static NewPersonInput Defaults(Actor actor) => new()
    {
        SiteId = actor.Grants.Select(g => g.SiteId).FirstOrDefault(s => s is not null),
        ReferentId = actor.Has(Role.SocialWorker) ? actor.UserId : null,
        TeamIds = actor.TeamIds.ToList(),
    };

    /// <summary>Marks a change of the file: search key and the last operation (retention counts from it).</summary>
    public static void Touch(Person person)
    {
        person.SearchName = PersonNames.SearchKey(person);
        person.LastOperationAt = DateTimeOffset.UtcNow;
    }

    /// <summary>Creates the file with the next file number of the organisation (the unique index protects; one retry).</summary>
    public static async Task<Person> CreateAsync(AppDbContext db, NewPersonInput input, CancellationToken ct = default)
    {
        var person = new Person { LastName = input.LastName, FirstNames = input.FirstNames };
        input.ApplyTo(person);
        person.SiteId = input.SiteId;
        person.ReferentId = input.ReferentId;
        foreach (var team in input.TeamIds.Distinct()) person.Teams.Add(new PersonTeam { TeamId = team });
        Touch(person);
        db.Add(person);
        for (var attempt = 0; ; attempt++)
        {
            person.FileNumber = (await db.Set<Person>().MaxAsync(p => (int?)p.FileNumber, ct) ?? 0) + 1;
            try
            {
                await db.SaveChangesAsync(ct);
                return person;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another agent took the number at the same moment: take the next one.
            }
        }
    }

    public static void SetTeams(AppDbContext db, Person person, IEnumerable<Guid> teamIds)
    {
        var wanted = teamIds.Distinct().ToHashSet();
        foreach (var t in person.Teams.Where(t => !wanted.Contains(t.TeamId)).ToList())
        {
            person.Teams.Remove(t);
            db.Remove(t);
        }
        foreach (var id in wanted.Where(id => person.Teams.All(t => t.TeamId != id)))
            person.Teams.Add(new PersonTeam { PersonId = person.Id, TeamId = id });
    }

    /// <summary>Replaces the incomes and charges with the lists given (rows unchanged are kept as they are).</summary>
    public static async Task ReplaceResourcesAsync(AppDbContext db, Person person, ResourcesInput input, CancellationToken ct = default)
    {
        var incomes = await db.Set<PersonIncome>().Where(i => i.PersonId == person.Id).ToListAsync(ct);
        var charges = await db.Set<PersonCharge>().Where(c => c.PersonId == person.Id).ToListAsync(ct);
        var keptIncomes = new List<PersonIncome>();
        foreach (var row in input.Incomes)
        {
            var label = FrenchInput.Clean(row.Label);
            var same = incomes.FirstOrDefault(i => !keptIncomes.Contains(i) && i.Kind == row.Kind && i.MonthlyAmount == row.MonthlyAmount && i.Label == label);
            if (same is not null) { keptIncomes.Add(same); continue; }
            db.Add(new PersonIncome { PersonId = person.Id, Kind = row.Kind, MonthlyAmount = decimal.Round(row.MonthlyAmount, 2), Label = label });
        }
        db.RemoveRange(incomes.Except(keptIncomes));
        var keptCharges = new List<PersonCharge>();
        foreach (var row in input.Charges)
        {
            var label = FrenchInput.Clean(row.Label);
            var same = charges.FirstOrDefault(c => !keptCharges.Contains(c) && c.Kind == row.Kind && c.MonthlyAmount == row.MonthlyAmount && c.Label == label);
            if (same is not null) { keptCharges.Add(same); continue; }
            db.Add(new PersonCharge { PersonId = person.Id, Kind = row.Kind, MonthlyAmount = decimal.Round(row.MonthlyAmount, 2), Label = label });
        }
        db.RemoveRange(charges.Except(keptCharges));
        Touch(person);
    }

    /// <summary>Gives (a new consent line) or withdraws (the current line) one consent.</summary>
    public static async Task<string?> SetConsentAsync(AppDbContext db, Person person, ConsentInput input, CancellationToken ct = default)
    {
        var current = await db.Set<PersonConsent>()
            .Where(c => c.PersonId == person.Id && c.Kind == input.Kind && c.WithdrawnAt == null).FirstOrDefaultAsync(ct);
        if (input.Given)
        {
            if (current is not null) return "Ce consentement est déjà donné.";
            db.Add(new PersonConsent { PersonId = person.Id, Kind = input.Kind, GivenAt = input.At() });
        }
        else
        {
            if (current is null) return "Ce consentement n'est pas donné : il n'y a rien à retirer.";
            var at = input.At();
            if (at < current.GivenAt) return "Le retrait ne peut pas précéder la date du consentement.";
            current.WithdrawnAt = at;
        }
        Touch(person);
        return null;
    }

    /// <summary>The kinds of part a document belongs to: confidential documents are in the social part.</summary>
    public static FilePart PartOf(PersonDocument d) => d.Confidential ? FilePart.Social : FilePart.Resources;
}

/// <summary>An uploaded document checked by its size and its first bytes, not by the name or type the browser claims.</summary>
public static class UploadedDocument
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public static async Task<(byte[]? Bytes, string? ContentType, string? Error)> ReadAsync(IFormFile? file, CancellationToken ct = default)
    {
        if (file is null || file.Length == 0) return (null, null, "Choisissez un fichier.");
        if (file.Length > MaxBytes) return (null, null, "Le fichier dépasse la taille autorisée (10 Mo).");
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms, ct);
        var bytes = ms.ToArray();
        var type = Sniff(bytes);
        return type is null
            ? (null, null, "Type de fichier refusé : seuls les documents PDF et les images PNG ou JPEG sont acceptés.")
            : (bytes, type, null);
    }

    public static string? Sniff(ReadOnlySpan<byte> b) =>
        b.Length > 4 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-' ? "application/pdf"
        : Infrastructure.Web.UploadedImage.Sniff(b);

    /// <summary>A file name safe in a Content-Disposition header and on any disk.</summary>
    public static string SafeName(string? name, string contentType)
    {
        var n = Path.GetFileName(name ?? "");
        n = new string(n.Where(c => !char.IsControl(c) && c is not ('"' or '\\' or '/' or ':' or '*' or '?' or '<' or '>' or '|')).ToArray()).Trim();
        if (n.Length > 200) n = n[^200..];
        if (n.Length == 0) n = "document";
        var ext = contentType switch { "application/pdf" => ".pdf", "image/png" => ".png", _ => ".jpg" };
        return n.EndsWith(ext, StringComparison.OrdinalIgnoreCase) || (ext == ".jpg" && n.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)) ? n : n + ext;
    }
}
