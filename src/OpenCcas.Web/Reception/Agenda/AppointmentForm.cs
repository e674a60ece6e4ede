using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Reception.Agenda;

/// <summary>The appointment form as agents fill it: a day and two times in Europe/Paris.</summary>
public sealed class AppointmentForm
{
    [Display(Name = "Personne")]
    public Guid? PersonId { get; set; }
    [Required(ErrorMessage = "L'agent est obligatoire."), Display(Name = "Agent")]
    public Guid? AgentId { get; set; }
    [Required(ErrorMessage = "Le site est obligatoire."), Display(Name = "Site")]
    public Guid? SiteId { get; set; }
    [Required(ErrorMessage = "La date est obligatoire."), Display(Name = "Date")]
    public DateOnly? Day { get; set; }
    [Required(ErrorMessage = "L'heure de début est obligatoire."), Display(Name = "Début")]
    public TimeOnly? From { get; set; }
    [Required(ErrorMessage = "L'heure de fin est obligatoire."), Display(Name = "Fin")]
    public TimeOnly? To { get; set; }
    [Display(Name = "Modalité")]
    public AppointmentMode Mode { get; set; } = AppointmentMode.Office;
    [Display(Name = "Objet"), StringLength(200, ErrorMessage = "L'objet ne peut dépasser 200 caractères.")]
    public string? Subject { get; set; }
    [Display(Name = "Commentaire"), StringLength(1000, ErrorMessage = "Le commentaire ne peut dépasser 1000 caractères.")]
    public string? Comment { get; set; }
    public int Version { get; set; }

    public AppointmentInput ToInput() => new()
    {
        PersonId = PersonId, AgentId = AgentId, SiteId = SiteId,
        Start = ParisTime.ToInstant(Day!.Value.ToDateTime(From!.Value)), End = ParisTime.ToInstant(Day!.Value.ToDateTime(To!.Value)),
        Mode = Mode, Subject = Subject, Comment = Comment, Version = Version,
    };

    public static AppointmentForm Of(Appointment a)
    {
        var start = ParisTime.Local(a.Start);
        var end = ParisTime.Local(a.End);
        return new()
        {
            PersonId = a.PersonId, AgentId = a.AgentId, SiteId = a.SiteId, Day = DateOnly.FromDateTime(start),
            From = TimeOnly.FromDateTime(start), To = TimeOnly.FromDateTime(end), Mode = a.Mode, Subject = a.Subject, Comment = a.Comment, Version = a.Version,
        };
    }

    /// <summary>Where a service error (on Start, End...) shows on this form.</summary>
    public static string FieldOf(string field) => field switch
    {
        "Start" => nameof(From),
        "End" => nameof(To),
        _ => field,
    };
}

/// <summary>What the create and edit pages share: the lists, the person picker.</summary>
public abstract class AppointmentFormPage(AppDbContext db, CurrentUser current) : PageModel
{
    protected AppDbContext Db => db;
    protected CurrentUser Current => current;

    [BindProperty] public AppointmentForm Form { get; set; } = new();
    [BindProperty] public string? PersonQuery { get; set; }
    public List<Choice> Agents { get; protected set; } = [];
    public List<Choice> Sites { get; protected set; } = [];
    public List<Person> Matches { get; protected set; } = [];
    public bool Searched { get; protected set; }
    public string? ChosenPersonName { get; protected set; }

    protected async Task LoadListsAsync(Actor actor)
    {
        Agents = await AgendaData.AgentsAsync(db);
        Sites = await AgendaData.SitesAsync(db);
        if (Form.PersonId is { } p) ChosenPersonName = (await Appointments.PeopleNamesAsync(db, actor, [p])).GetValueOrDefault(p);
    }

    protected async Task SearchAsync(Actor actor)
    {
        Form.PersonId = null;
        Searched = !string.IsNullOrWhiteSpace(PersonQuery);
        Matches = await Appointments.SearchPeopleAsync(db, actor, PersonQuery);
    }

    /// <summary>A name typed but no one chosen: show the matches instead of saving.</summary>
    protected async Task<bool> MustChooseAsync(Actor actor)
    {
        if (Form.PersonId is not null || string.IsNullOrWhiteSpace(PersonQuery)) return false;
        ModelState.Clear();
        await SearchAsync(actor);
        ModelState.AddModelError(nameof(PersonQuery), Matches.Count == 0
            ? "Aucune personne ne correspond à ce nom : videz le champ pour un rendez-vous sans personne."
            : "Choisissez la personne dans la liste, ou videz le champ.");
        return true;
    }

    protected void AddErrors(SaveResult result)
    {
        foreach (var (field, message) in result.Errors) ModelState.AddModelError($"{nameof(Form)}.{AppointmentForm.FieldOf(field)}", message);
    }

    public async Task<IActionResult> OnPostSearchAsync()
    {
        var actor = await current.RequireActorAsync();
        ModelState.Clear();
        await SearchAsync(actor);
        await LoadListsAsync(actor);
        await OnSearchedAsync(actor);
        return Page();
    }

    protected virtual Task OnSearchedAsync(Actor actor) => Task.CompletedTask;

    public async Task<IActionResult> OnGetPeopleAsync(string? personQuery)
    {
        var actor = await current.RequireActorAsync();
        var matches = await Appointments.SearchPeopleAsync(db, actor, personQuery);
        return Partial("/Reception/Desk/_PersonMatches.cshtml", new Desk.PersonMatchesModel("Form.PersonId", matches, !string.IsNullOrWhiteSpace(personQuery), null));
    }
}
