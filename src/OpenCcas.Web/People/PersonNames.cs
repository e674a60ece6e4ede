using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.People;

public static class PersonNames
{
    /// <summary>
    /// What search matches against: every name of the person (surname, usage, birth, first names) folded (lower case,
    /// no accents), hyphens and apostrophes as spaces, each word once. Set it before every save of a person.
    /// </summary>
    public static string SearchKey(Person p)
    {
        var words = new[] { p.LastName, p.UsageName, p.BirthName, p.FirstNames }
            .Where(n => !string.IsNullOrWhiteSpace(n))
            .SelectMany(n => Text.Fold(n!).Split([' ', '-', '\'', '’', '.', ','], StringSplitOptions.RemoveEmptyEntries))
            .Distinct();
        return " " + string.Join(' ', words) + " ";
    }
}
