using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.People.Files;

/// <summary>The person file: every part the user may open, and the panels other modules register. Each opening is audited.</summary>
public sealed class IndexModel(AppDbContext db, CurrentUser current, AuditLog audit) : PersonPageModel(db, current)
{
    public List<PersonIncome> Incomes { get; private set; } = [];
    public List<PersonCharge> Charges { get; private set; } = [];
    public List<PersonConsent> Consents { get; private set; } = [];
    public List<PersonDocument> Documents { get; private set; } = [];
    public (Guid Id, string Name, HouseholdRole Role, DateOnly JoinedOn, int Members)? Household { get; private set; }
    public string? SiteName { get; private set; }
    public string? ReferentName { get; private set; }
    public List<string> TeamNames { get; private set; } = [];
    public IReadOnlyList<PersonFileSection> Sections { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Identity) is { } refused) return refused;
        var parts = Enum.GetValues<FilePart>().Where(Can).ToList();
        Consents = await Db.Set<PersonConsent>().AsNoTracking().Where(c => c.PersonId == id).ToListAsync();
        if (Can(FilePart.Household))
        {
            var h = await Db.Set<HouseholdMember>().AsNoTracking().Where(m => m.PersonId == id && m.LeftOn == null)
                .Join(Db.Set<Household>(), m => m.HouseholdId, x => x.Id, (m, x) => new { x.Id, x.Name, m.Role, m.JoinedOn }).FirstOrDefaultAsync();
            if (h is not null)
                Household = (h.Id, h.Name, h.Role, h.JoinedOn, await Db.Set<HouseholdMember>().CountAsync(m => m.HouseholdId == h.Id && m.LeftOn == null));
        }
        if (Can(FilePart.Resources))
        {
            Incomes = await Db.Set<PersonIncome>().AsNoTracking().Where(i => i.PersonId == id).OrderBy(i => i.Id).ToListAsync();
            Charges = await Db.Set<PersonCharge>().AsNoTracking().Where(c => c.PersonId == id).OrderBy(c => c.Id).ToListAsync();
            var social = Can(FilePart.Social);
            Documents = await Db.Set<PersonDocument>().AsNoTracking().Where(d => d.PersonId == id && (social || !d.Confidential))
                .OrderByDescending(d => d.UploadedAt).ToListAsync();
        }
        if (Person.SiteId is { } site) SiteName = await Db.Sites.Where(s => s.Id == site).Select(s => s.Name).FirstOrDefaultAsync();
        if (Person.ReferentId is { } referent)
            ReferentName = await Db.Users.Where(u => u.Id == referent).Select(u => u.FirstName + " " + u.LastName).FirstOrDefaultAsync();
        var teams = Person.Teams.Select(t => t.TeamId).ToList();
        TeamNames = await Db.Teams.Where(t => teams.Contains(t.Id)).OrderBy(t => t.Name).Select(t => t.Name).ToListAsync();
        Sections = PersonFileSections.All.Where(s => Can(s.Part)).ToList();
        await audit.RecordAsync(AuditAction.Read, "Person", id.ToString(),
            "Dossier consulté : " + string.Join(", ", parts.Select(p => PeopleApi.PartName(p.ToString()))));
        return Page();
    }
}
