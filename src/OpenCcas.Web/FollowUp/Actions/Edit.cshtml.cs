using Microsoft.AspNetCore.Mvc;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.FollowUp.Actions;

/// <summary>
/// Changes a follow-up action (title, due date, assignee, state): whoever reaches it (its assignee, or those who may
/// open the social part of the file), as the API does. A save over someone else's shows both versions, the input kept.
/// </summary>
public sealed class EditModel(AppDbContext db, CurrentUser current) : FollowUpPage
{
    [BindProperty] public ActionInput Input { get; set; } = new();
    /// <summary>Where the user came from: "mes-actions", "entretien" (the action's interview), else the person's follow-up.</summary>
    [BindProperty(SupportsGet = true, Name = "retour")] public string? Back { get; set; }
    public FollowUpAction Record { get; private set; } = null!;
    public Person Person { get; private set; } = null!;
    public List<AgentOption> Agents { get; private set; } = [];
    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public string BackUrl => Back switch
    {
        "mes-actions" => "/mes-actions",
        "entretien" when Record.InterviewId is { } i => $"/entretiens/{i}",
        _ => $"/personnes/{Person.Id}/entretiens",
    };

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var reached = await FollowUpFiles.ActionAsync(db, await current.RequireActorAsync(), id);
        if (Refused(reached.Access) is { } refused) return refused;
        (Record, Person) = (reached.Record!, reached.Person!);
        Input = ActionInput.From(Record);
        Agents = await AgentsAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var reached = await FollowUpFiles.ActionAsync(db, await current.RequireActorAsync(), id, tracked: true);
        if (Refused(reached.Access) is { } refused) return refused;
        (Record, Person) = (reached.Record!, reached.Person!);
        (Input.PersonId, Input.InterviewId) = (Record.PersonId, Record.InterviewId);
        AddErrors(await Input.CheckAsync(db, existingDue: Record.DueOn));
        if (ModelState.IsValid)
        {
            if (Record.Version == Input.Version)
            {
                Input.ApplyTo(Record, Record.AssigneeId);
                if (await ConcurrentSave.TrySaveAsync(db, Record))
                {
                    TempData["Message"] = $"Action « {Record.Title} » enregistrée.";
                    return Redirect(BackUrl);
                }
            }
            Agents = await AgentsAsync();
            Conflicts = Compare(Input, Record);
            if (Conflicts.Count == 0) return Redirect(BackUrl);
            ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
            Input.Version = Record.Version;
        }
        Agents = await AgentsAsync();
        return Page();
    }

    /// <summary>The active agents, and the current assignee even if no longer one (so that the form does not silently reassign).</summary>
    private async Task<List<AgentOption>> AgentsAsync()
    {
        var agents = await FollowUpFiles.AgentsAsync(db);
        if (agents.All(a => a.Id != Record.AssigneeId))
        {
            var names = await FollowUpFiles.AgentNamesAsync(db, [Record.AssigneeId]);
            agents.Insert(0, new AgentOption(Record.AssigneeId, names.GetValueOrDefault(Record.AssigneeId, "Agent inconnu") + " (inactif)"));
        }
        return agents;
    }

    /// <summary>The fields where the user's input and the saved action differ, in words (dates, names, states).</summary>
    private IReadOnlyList<ConflictField> Compare(ActionInput yours, FollowUpAction saved)
    {
        string Agent(Guid? id) => Agents.FirstOrDefault(a => a.Id == id)?.Name ?? "—";
        var fields = new List<ConflictField>
        {
            new("Action", yours.Title?.Trim(), saved.Title),
            new("Échéance", yours.DueOn?.ToString("dd/MM/yyyy"), saved.DueOn?.ToString("dd/MM/yyyy")),
            new("Confiée à", Agent(yours.AssigneeId ?? saved.AssigneeId), Agent(saved.AssigneeId)),
            new("État", InterviewRules.Label(yours.Status), InterviewRules.Label(saved.Status)),
        };
        return fields.Where(f => f.Yours != f.Saved).ToList();
    }
}
