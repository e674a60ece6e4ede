using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People.Files;
using OpenCcas.Web.People.Households;

namespace OpenCcas.Web.People;

/// <summary>
/// The JSON API of person files and households. Each answer holds only the parts of the file the caller may open; a
/// file outside the caller's reach is a 403, another organisation's a 404. (The search endpoint is in its own file.)
/// </summary>
public static class PeopleApi
{
    public sealed record IdentityDto(string LastName, string? UsageName, string? BirthName, string FirstNames, Sex Sex, DateOnly? BirthDate,
        string? BirthPlace, NationalityGroup Nationality, string? Phone, string? Email, bool NoStableHome, string? Address, string? PostalCode, string? City);
    public sealed record SituationDto(HousingSituation Housing, FamilySituation Family, ProfessionalSituation Professional);
    public sealed record ResourcesDto(string? CafNumber, string? FranceTravailNumber, string? Nir, IReadOnlyList<IncomeRow> Incomes,
        IReadOnlyList<ChargeRow> Charges, decimal TotalIncomes, decimal TotalCharges);
    public sealed record SensitiveDto(ProtectionMeasure Protection, string? ProtectionRepresentative, int? GirLevel);
    public sealed record FollowUpDto(Guid? SiteId, Guid? ReferentId, Guid[] TeamIds);
    public sealed record HouseholdRefDto(Guid Id, string Name, HouseholdRole Role, DateOnly JoinedOn);
    public sealed record ConsentDto(Guid Id, ConsentKind Kind, DateTimeOffset GivenAt, DateTimeOffset? WithdrawnAt);
    public sealed record DocumentDto(Guid Id, string Title, string FileName, string ContentType, long Size, bool Confidential, DateTimeOffset UploadedAt);
    public sealed record PersonDto(Guid Id, int FileNumber, string DisplayName, PersonStatus Status, DateOnly? DeathDate, int Version,
        DateTimeOffset LastOperationAt, IdentityDto Identity, FollowUpDto FollowUp, SituationDto? Situation, HouseholdRefDto? Household,
        ResourcesDto? Resources, SensitiveDto? Sensitive, string[] Parts);
    public sealed record CandidateDto(Guid? Id, int FileNumber, string? DisplayName, DateOnly? BirthDate, bool CanOpen);
    public sealed record MemberDto(Guid Id, Guid PersonId, string Name, HouseholdRole Role, bool Dependant, int? Age, DateOnly JoinedOn, DateOnly? LeftOn);
    public sealed record HouseholdDto(Guid Id, string Name, int Version, IReadOnlyList<MemberDto> Members, IReadOnlyList<MemberDto> FormerMembers,
        int Persons, decimal ConsumptionUnits, decimal? MonthlyResources, decimal? MonthlyCharges, decimal? DisposableIncomePerUnit);
    public sealed record AccessDto(DateTimeOffset At, string? UserName, string Action, string EntityType, string? Details);

    public static void Map(RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people");
        people.MapPost("/", CreateAsync).RequireAuthorization(PermissionPolicies.For(Permission.CreatePerson));
        people.MapGet("/{id:guid}", GetAsync);
        people.MapPut("/{id:guid}/identity", async Task<IResult> (Guid id, IdentityInput input, AppDbContext db, CurrentUser current) =>
        {
            var (person, refused) = await OpenAsync(db, current, id, FilePart.Identity);
            if (refused is not null) return refused;
            if (Invalid(input.Check()) is { } problem) return problem;
            if (person!.Version != input.Version) return Conflict();
            input.ApplyTo(person);
            PersonFileService.Touch(person);
            return await SaveAsync(db, async () => Results.Ok(await DtoAsync(db, await current.RequireActorAsync(), person)));
        });
        people.MapPut("/{id:guid}/situation", async Task<IResult> (Guid id, SituationInput input, AppDbContext db, CurrentUser current) =>
        {
            var (person, refused) = await OpenAsync(db, current, id, FilePart.Household);
            if (refused is not null) return refused;
            var actor = await current.RequireActorAsync();
            var scope = AccessRules.ScopeOf(person!);
            if (Invalid(input.Check()) is { } problem) return problem;
            if (person!.Version != input.Version) return Conflict();
            input.ApplyTo(person, AccessRules.CanOpen(actor, scope, FilePart.Resources), AccessRules.CanOpen(actor, scope, FilePart.Sensitive));
            PersonFileService.Touch(person);
            return await SaveAsync(db, async () => Results.Ok(await DtoAsync(db, actor, person)));
        });
        people.MapGet("/{id:guid}/resources", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current, AuditLog audit) =>
        {
            var (person, refused) = await OpenAsync(db, current, id, FilePart.Resources);
            if (refused is not null) return refused;
            await audit.RecordAsync(AuditAction.Read, "Person", id.ToString(), "Ressources et charges consultées (API)");
            return Results.Ok(await ResourcesAsync(db, person!));
        });
        people.MapPut("/{id:guid}/resources", async Task<IResult> (Guid id, ResourcesInput input, AppDbContext db, CurrentUser current) =>
        {
            var (person, refused) = await OpenAsync(db, current, id, FilePart.Resources);
            if (refused is not null) return refused;
            if (Invalid(input.Check()) is { } problem) return problem;
            if (person!.Version != input.Version) return Conflict();
            await PersonFileService.ReplaceResourcesAsync(db, person, input);
            return await SaveAsync(db, async () => Results.Ok(await ResourcesAsync(db, person)));
        });
        people.MapPut("/{id:guid}/follow-up", async Task<IResult> (Guid id, FollowUpInput input, AppDbContext db, CurrentUser current) =>
        {
            var (person, refused) = await OpenAsync(db, current, id, FilePart.Resources);
            if (refused is not null) return refused;
            if (person!.Status == PersonStatus.Anonymised) return Invalid([("Status", "Ce dossier est anonymisé : il ne peut plus être modifié.")])!;
            if (Invalid(await input.CheckAsync(db)) is { } problem) return problem;
            if (person.Version != input.Version) return Conflict();
            input.ApplyTo(person);
            PersonFileService.SetTeams(db, person, input.TeamIds);
            PersonFileService.Touch(person);
            return await SaveAsync(db, async () => Results.Ok(await DtoAsync(db, await current.RequireActorAsync(), person)));
        });

        people.MapGet("/{id:guid}/consents", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var (_, refused) = await OpenAsync(db, current, id, FilePart.Identity, tracked: false);
            if (refused is not null) return refused;
            return Results.Ok(await ConsentsAsync(db, id));
        });
        people.MapPost("/{id:guid}/consents", async Task<IResult> (Guid id, ConsentInput input, AppDbContext db, CurrentUser current) =>
        {
            var (person, refused) = await OpenAsync(db, current, id, FilePart.Identity);
            if (refused is not null) return refused;
            if (Invalid(input.Check()) is { } problem) return problem;
            if (await PersonFileService.SetConsentAsync(db, person!, input) is { } error) return Invalid([("Given", error)])!;
            return await SaveAsync(db, async () => Results.Ok(await ConsentsAsync(db, id)));
        });

        people.MapGet("/{id:guid}/documents", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var (person, refused) = await OpenAsync(db, current, id, FilePart.Resources, tracked: false);
            if (refused is not null) return refused;
            var social = AccessRules.CanOpen(await current.RequireActorAsync(), AccessRules.ScopeOf(person!), FilePart.Social);
            return Results.Ok(await db.Set<PersonDocument>().AsNoTracking().Where(d => d.PersonId == id && (social || !d.Confidential))
                .OrderByDescending(d => d.UploadedAt).Select(d => new DocumentDto(d.Id, d.Title, d.FileName, d.ContentType, d.Size, d.Confidential, d.UploadedAt)).ToListAsync());
        });
        people.MapPost("/{id:guid}/documents", UploadAsync).DisableAntiforgery();
        people.MapGet("/{id:guid}/documents/{documentId:guid}", async Task<IResult> (Guid id, Guid documentId, AppDbContext db, CurrentUser current, AuditLog audit) =>
        {
            var (document, refused) = await DocumentAsync(db, current, id, documentId);
            if (refused is not null) return refused;
            var content = await db.Set<DocumentContent>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == documentId);
            if (content is null) return Results.NotFound();
            await audit.RecordAsync(AuditAction.Read, "Person", id.ToString(), $"Document téléchargé : « {document!.Title} »");
            return Results.File(content.Bytes, document.ContentType, document.FileName);
        });
        people.MapDelete("/{id:guid}/documents/{documentId:guid}", async Task<IResult> (Guid id, Guid documentId, AppDbContext db, CurrentUser current) =>
        {
            var (document, refused) = await DocumentAsync(db, current, id, documentId, tracked: true);
            if (refused is not null) return refused;
            db.Remove(document!);
            var person = await db.Set<Person>().FirstAsync(p => p.Id == id);
            PersonFileService.Touch(person);
            return await SaveAsync(db, () => Task.FromResult(Results.NoContent()));
        });
        people.MapGet("/{id:guid}/access-log", async Task<IResult> (Guid id, AppDbContext db) =>
        {
            if (!await db.Set<Person>().AnyAsync(p => p.Id == id)) return Results.NotFound();
            return Results.Ok((await AccessLog.QueryAsync(db, id, 500)).Select(e => new AccessDto(e.At, e.UserName, e.Action.ToString(), e.EntityType, e.Details)));
        }).RequireAuthorization(PermissionPolicies.For(Permission.ReadPersonAccessLog));

        var households = api.MapGroup("/households");
        households.MapPost("/", async Task<IResult> (HouseholdInput input, AppDbContext db, CurrentUser current) =>
        {
            var (person, refused) = await OpenAsync(db, current, input.PersonId, FilePart.Household);
            if (refused is not null) return refused;
            if (FrenchInput.CheckPastDate(input.JoinedOn, "La date d'arrivée", out var joined) is { } e) return Invalid([("JoinedOn", e)])!;
            var (household, error) = await HouseholdService.CreateAsync(db, person!, input.Name, joined ?? FrenchInput.Today);
            if (error is not null) return Invalid([("PersonId", error)])!;
            return Results.Created($"/api/households/{household!.Id}", await HouseholdDtoAsync(db, current, household.Id));
        });
        households.MapGet("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var (access, household) = await HouseholdService.OpenAsync(db, actor, id);
            if (access != HouseholdService.Access.Allowed) return access == HouseholdService.Access.NotFound ? Results.NotFound() : Forbidden();
            return Results.Ok(await HouseholdDtoAsync(db, current, household!.Id));
        });
        households.MapPut("/{id:guid}", async Task<IResult> (Guid id, HouseholdEditInput input, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var (access, _) = await HouseholdService.OpenAsync(db, actor, id);
            if (access != HouseholdService.Access.Allowed) return access == HouseholdService.Access.NotFound ? Results.NotFound() : Forbidden();
            if (Invalid(input.Check()) is { } problem) return problem;
            var household = await db.Set<Household>().FirstAsync(h => h.Id == id);
            if (household.Version != input.Version) return Conflict();
            input.ApplyTo(household);
            return await SaveAsync(db, async () => Results.Ok(await HouseholdDtoAsync(db, current, id)));
        });
        households.MapPost("/{id:guid}/members", async Task<IResult> (Guid id, MemberInput input, AppDbContext db, CurrentUser current) =>
        {
            var actor = await current.RequireActorAsync();
            var (access, household) = await HouseholdService.OpenAsync(db, actor, id);
            if (access != HouseholdService.Access.Allowed) return access == HouseholdService.Access.NotFound ? Results.NotFound() : Forbidden();
            if (Invalid(input.Check()) is { } problem) return problem;
            var (person, refused) = await OpenAsync(db, current, input.PersonId, FilePart.Household);
            if (refused is not null) return refused;
            var (_, error) = await HouseholdService.AddMemberAsync(db, household!, person!, input.Role, input.Dependant, input.Joined);
            if (error is not null) return Invalid([("PersonId", error)])!;
            return Results.Ok(await HouseholdDtoAsync(db, current, id));
        });
        households.MapPut("/{id:guid}/members/{memberId:guid}", async Task<IResult> (Guid id, Guid memberId, MemberRoleInput input, AppDbContext db, CurrentUser current) =>
        {
            var (member, refused) = await MemberAsync(db, current, id, memberId);
            if (refused is not null) return refused;
            if (!Enum.IsDefined(input.Role)) return Invalid([("Role", "Rôle inconnu.")])!;
            member!.Role = input.Role;
            member.Dependant = input.Dependant;
            PersonFileService.Touch(await db.Set<Person>().FirstAsync(p => p.Id == member.PersonId));
            return await SaveAsync(db, async () => Results.Ok(await HouseholdDtoAsync(db, current, id)));
        });
        households.MapPost("/{id:guid}/members/{memberId:guid}/leave", async Task<IResult> (Guid id, Guid memberId, LeaveInput input, AppDbContext db, CurrentUser current) =>
        {
            var (member, refused) = await MemberAsync(db, current, id, memberId);
            if (refused is not null) return refused;
            if (HouseholdService.CheckLeave(member!, input.LeftOn, out var day) is { } error) return Invalid([("LeftOn", error)])!;
            member!.LeftOn = day;
            PersonFileService.Touch(await db.Set<Person>().FirstAsync(p => p.Id == member.PersonId));
            return await SaveAsync(db, async () => Results.Ok(await HouseholdDtoAsync(db, current, id)));
        });
    }

    private static async Task<IResult> CreateAsync(NewPersonInput input, AppDbContext db, CurrentUser current)
    {
        var actor = await current.RequireActorAsync();
        if (Invalid(await input.CheckAsync(db)) is { } problem) return problem;
        if (!input.ConfirmDuplicate)
        {
            var candidates = await PersonDuplicates.CandidatesAsync(db, actor, input.LastName, input.FirstNames, input.ParsedBirthDate);
            if (candidates.Count > 0)
                return Results.Problem(statusCode: 409, title: "Cette personne a peut-être déjà un dossier.",
                    detail: "Vérifiez les dossiers proposés ; si ce n'est pas la même personne, renvoyez la demande avec \"confirmDuplicate\": true.",
                    extensions: new Dictionary<string, object?>
                    {
                        ["candidates"] = candidates.Select(c => c.CanOpen
                            ? new CandidateDto(c.Id, c.FileNumber, c.DisplayName, c.BirthDate, true)
                            : new CandidateDto(null, c.FileNumber, null, null, false)).ToList(),
                    });
        }
        var person = await PersonFileService.CreateAsync(db, input);
        return Results.Created($"/api/people/{person.Id}", await DtoAsync(db, actor, person));
    }

    private static async Task<IResult> GetAsync(Guid id, AppDbContext db, CurrentUser current, AuditLog audit)
    {
        var (person, refused) = await OpenAsync(db, current, id, FilePart.Identity, tracked: false);
        if (refused is not null) return refused;
        var dto = await DtoAsync(db, await current.RequireActorAsync(), person!);
        await audit.RecordAsync(AuditAction.Read, "Person", id.ToString(), "Dossier consulté (API) : " + string.Join(", ", dto.Parts.Select(PartName)));
        return Results.Ok(dto);
    }

    private static async Task<IResult> UploadAsync(Guid id, HttpContext http, AppDbContext db, CurrentUser current, IAntiforgery antiforgery)
    {
        var (person, refused) = await OpenAsync(db, current, id, FilePart.Resources);
        if (refused is not null) return refused;
        // A browser session must prove the form is its own; a bearer token cannot be sent by another site.
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && !await antiforgery.IsRequestValidAsync(http))
            return Results.Problem(statusCode: 400, title: "Jeton anti-falsification manquant ou invalide.");
        if (!http.Request.HasFormContentType)
            return Invalid([("File", "Envoyez le document en multipart/form-data (champs file, title, confidential).")])!;
        var form = await http.Request.ReadFormAsync();
        var title = FrenchInput.Clean(form["title"].ToString());
        var confidential = form["confidential"].ToString() is "true" or "True" or "on" or "1";
        var errors = new List<(string, string)>();
        if (title is null) errors.Add(("Title", "Le titre du document est obligatoire."));
        else if (title.Length > 200) errors.Add(("Title", "Le titre ne peut dépasser 200 caractères."));
        var file = form.Files.GetFile("file");
        var (bytes, type, error) = await UploadedDocument.ReadAsync(file);
        if (error is not null) errors.Add(("File", error));
        if (confidential && !AccessRules.CanOpen(await current.RequireActorAsync(), AccessRules.ScopeOf(person!), FilePart.Social))
            errors.Add(("Confidential", "Seuls les travailleurs sociaux du dossier peuvent déposer un document confidentiel."));
        if (Invalid(errors) is { } problem) return problem;
        var document = new PersonDocument
        {
            PersonId = id, Title = title!, FileName = UploadedDocument.SafeName(file!.FileName, type!), ContentType = type!,
            Size = bytes!.Length, Confidential = confidential, UploadedById = (await current.RequireActorAsync()).UserId,
        };
        db.Add(document);
        db.Add(new DocumentContent { Id = document.Id, Bytes = bytes });
        PersonFileService.Touch(person!);
        return await SaveAsync(db, () => Task.FromResult(Results.Created($"/api/people/{id}/documents/{document.Id}",
            new DocumentDto(document.Id, document.Title, document.FileName, document.ContentType, document.Size, document.Confidential, document.UploadedAt))));
    }

    /// <summary>The person if the caller may open the part; otherwise the answer to give (404 or 403).</summary>
    private static async Task<(Person? Person, IResult? Refused)> OpenAsync(AppDbContext db, CurrentUser current, Guid id, FilePart part, bool tracked = true)
    {
        var actor = await current.RequireActorAsync();
        var (access, person) = await PersonFiles.OpenAsync(db, actor, id, part, tracked);
        return access switch
        {
            FileAccess.Allowed => (person, null),
            FileAccess.NotFound => (null, Results.NotFound()),
            _ => (null, Forbidden()),
        };
    }

    private static async Task<(PersonDocument? Document, IResult? Refused)> DocumentAsync(AppDbContext db, CurrentUser current, Guid id, Guid documentId, bool tracked = false)
    {
        var query = db.Set<PersonDocument>().Where(d => d.Id == documentId && d.PersonId == id);
        var document = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync();
        if (document is null) return (null, Results.NotFound());
        var (_, refused) = await OpenAsync(db, current, id, PersonFileService.PartOf(document), tracked: false);
        return refused is null ? (document, null) : (null, refused);
    }

    private static async Task<(HouseholdMember? Member, IResult? Refused)> MemberAsync(AppDbContext db, CurrentUser current, Guid id, Guid memberId)
    {
        var actor = await current.RequireActorAsync();
        var (access, _) = await HouseholdService.OpenAsync(db, actor, id);
        if (access == HouseholdService.Access.NotFound) return (null, Results.NotFound());
        if (access == HouseholdService.Access.Denied) return (null, Forbidden());
        var member = await db.Set<HouseholdMember>().FirstOrDefaultAsync(m => m.Id == memberId && m.HouseholdId == id);
        if (member is null) return (null, Results.NotFound());
        var (_, refused) = await OpenAsync(db, current, member.PersonId, FilePart.Household, tracked: false);
        return refused is null ? (member, null) : (null, refused);
    }

    internal static string PartName(string part) => part switch
    {
        nameof(FilePart.Identity) => "identité",
        nameof(FilePart.Household) => "ménage et situation",
        nameof(FilePart.Resources) => "ressources",
        nameof(FilePart.Social) => "social",
        nameof(FilePart.Sensitive) => "informations sensibles",
        _ => part,
    };

    public static async Task<PersonDto> DtoAsync(AppDbContext db, Actor actor, Person p)
    {
        var scope = AccessRules.ScopeOf(p);
        var parts = Enum.GetValues<FilePart>().Where(part => AccessRules.CanOpen(actor, scope, part)).ToArray();
        HouseholdRefDto? household = null;
        if (parts.Contains(FilePart.Household))
            household = await db.Set<HouseholdMember>().AsNoTracking().Where(m => m.PersonId == p.Id && m.LeftOn == null)
                .Join(db.Set<Household>(), m => m.HouseholdId, h => h.Id, (m, h) => new HouseholdRefDto(h.Id, h.Name, m.Role, m.JoinedOn)).FirstOrDefaultAsync();
        return new PersonDto(p.Id, p.FileNumber, p.DisplayName, p.Status, p.DeathDate, p.Version, p.LastOperationAt,
            new IdentityDto(p.LastName, p.UsageName, p.BirthName, p.FirstNames, p.Sex, p.BirthDate, p.BirthPlace, p.Nationality, p.Phone, p.Email,
                p.NoStableHome, p.Address, p.PostalCode, p.City),
            new FollowUpDto(p.SiteId, p.ReferentId, p.Teams.Select(t => t.TeamId).ToArray()),
            parts.Contains(FilePart.Household) ? new SituationDto(p.Housing, p.Family, p.Professional) : null,
            household,
            parts.Contains(FilePart.Resources) ? await ResourcesAsync(db, p) : null,
            parts.Contains(FilePart.Sensitive) ? new SensitiveDto(p.Protection, p.ProtectionRepresentative, p.GirLevel) : null,
            parts.Select(x => x.ToString()).ToArray());
    }

    private static async Task<ResourcesDto> ResourcesAsync(AppDbContext db, Person p)
    {
        var incomes = await db.Set<PersonIncome>().AsNoTracking().Where(i => i.PersonId == p.Id).OrderBy(i => i.Id).ToListAsync();
        var charges = await db.Set<PersonCharge>().AsNoTracking().Where(c => c.PersonId == p.Id).OrderBy(c => c.Id).ToListAsync();
        return new ResourcesDto(p.CafNumber, p.FranceTravailNumber, p.Nir,
            incomes.Select(i => new IncomeRow(i.Kind, i.MonthlyAmount, i.Label)).ToList(),
            charges.Select(c => new ChargeRow(c.Kind, c.MonthlyAmount, c.Label)).ToList(),
            incomes.Sum(i => i.MonthlyAmount), charges.Sum(c => c.MonthlyAmount));
    }

    private static async Task<List<ConsentDto>> ConsentsAsync(AppDbContext db, Guid id) =>
        (await db.Set<PersonConsent>().AsNoTracking().Where(c => c.PersonId == id).ToListAsync())
            .OrderBy(c => c.Kind).ThenByDescending(c => c.GivenAt).Select(c => new ConsentDto(c.Id, c.Kind, c.GivenAt, c.WithdrawnAt)).ToList();

    private static async Task<HouseholdDto> HouseholdDtoAsync(AppDbContext db, CurrentUser current, Guid id)
    {
        var actor = await current.RequireActorAsync();
        var household = await db.Set<Household>().AsNoTracking().Include(h => h.Members).FirstAsync(h => h.Id == id);
        var v = await HouseholdService.ViewAsync(db, actor, household);
        static MemberDto M(MemberView m) => new(m.MemberId, m.PersonId, m.Name, m.Role, m.Dependant, m.Age, m.JoinedOn, m.LeftOn);
        return new HouseholdDto(v.Id, v.Name, v.Version, v.Current.Select(M).ToList(), v.Former.Select(M).ToList(), v.Persons, v.ConsumptionUnits,
            v.ShowsResources ? v.Resources : null, v.ShowsResources ? v.Charges : null, v.ShowsResources ? v.DisposablePerUnit : null);
    }

    private static IResult Forbidden() => Results.Problem(statusCode: 403, title: "Accès refusé.",
        detail: "Ce dossier, ou cette partie du dossier, n'est pas accessible avec vos rôles et vos équipes.");

    private static IResult? Invalid(IEnumerable<(string Field, string Message)> errors)
    {
        var list = errors.ToList();
        return list.Count == 0 ? null : Results.ValidationProblem(
            list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), title: "La requête contient des erreurs.");
    }

    private static IResult Conflict() => Results.Problem(statusCode: 409,
        title: "Conflit : le dossier a été modifié par quelqu'un d'autre entre-temps.",
        detail: "Relisez la version actuelle (GET) et renvoyez vos modifications avec son numéro de version.");

    private static async Task<IResult> SaveAsync(AppDbContext db, Func<Task<IResult>> ok)
    {
        try
        {
            await db.SaveChangesAsync();
            return await ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict();
        }
    }
}

/// <summary>The audit entries about one person: reads, exports and prints of the file, and changes to it and its rows.</summary>
public static class AccessLog
{
    private static readonly string[] RelatedTypes =
        ["PersonTeam", "PersonIncome", "PersonCharge", "PersonConsent", "PersonDocument", "HouseholdMember"];

    public static async Task<List<AuditEntry>> QueryAsync(AppDbContext db, Guid personId, int take, CancellationToken ct = default)
    {
        var id = personId.ToString();
        return await db.AuditEntries.AsNoTracking()
            .Where(e => (e.EntityType == "Person" && e.EntityId == id)
                        || (RelatedTypes.Contains(e.EntityType) && e.Details != null && e.Details.Contains(id)))
            .OrderByDescending(e => e.Id).Take(take).ToListAsync(ct);
    }
}
