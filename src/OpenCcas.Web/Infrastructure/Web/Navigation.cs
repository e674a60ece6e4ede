using OpenCcas.Web.Infrastructure.Tenancy;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Infrastructure.Web;

public sealed record NavItem(string Label, string Href, Permission? Requires);

/// <summary>
/// What the header shows: the organisation's name and logo, and the modules the user may open. A module adds its
/// entry to <see cref="Modules"/>; the access rules decide whether it shows.
/// </summary>
public sealed class Navigation(CurrentOrganisation organisation, CurrentUser current)
{
    public static readonly List<NavItem> Modules =
    [
        new("Tableau de bord", "/", null),
        new("Accueil", "/accueil", Permission.RecordReception),
        new("Personnes", "/personnes", Permission.SearchPeople),
        new("Rendez-vous", "/rendez-vous", Permission.ManageAppointments),
        new("Mes actions", "/mes-actions", Permission.ViewOwnActions),
        new("Démarches en ligne", "/demarches", Permission.RecordDigitalHelp),
        new("Actions collectives", "/actions-collectives", Permission.RecordReception),
        new("Partenaires", "/partenaires", Permission.ViewPartners),
        new("Statistiques", "/statistiques", Permission.ViewStatistics),
        new("Administration", "/administration", Permission.ManageOrganisation),
    ];

    public async Task<(string Name, bool HasLogo)> OrganisationAsync()
    {
        var org = await organisation.GetAsync();
        return org is null ? ("OpenCCAS", false) : (org.Name, org.HasLogo);
    }

    public async Task<IReadOnlyList<NavItem>> ItemsAsync()
    {
        var actor = await current.GetActorAsync();
        if (actor is null) return [];
        return Modules.Where(m => m.Requires is null || AccessRules.Can(actor, m.Requires.Value)).ToList();
    }
}
