using OpenCcas.Domain.Platform;

namespace OpenCcas.Web.People;

/// <summary>
/// A panel another module shows on the person file (coming appointments, interviews, action plans...): a view
/// component invoked with <c>new { personId }</c>, shown only to those who may open <see cref="Part"/> of the file.
/// The People module knows no other module; they register here at start-up.
/// </summary>
public sealed record PersonFileSection(string Title, string ViewComponent, FilePart Part, int Order);

public static class PersonFileSections
{
    private static readonly List<PersonFileSection> Sections = [];

    public static void Register(PersonFileSection section)
    {
        lock (Sections)
            if (!Sections.Any(s => s.ViewComponent == section.ViewComponent)) Sections.Add(section);
    }

    public static IReadOnlyList<PersonFileSection> All
    {
        get { lock (Sections) return Sections.OrderBy(s => s.Order).ToList(); }
    }
}
