using System.Text;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.People;

public static class PersonNames
{
    /// <summary>
    /// What search matches against: every name of the person (surname, usage, birth, first names) folded (lower case,
    /// no accents, ligatures spelt out), hyphens, apostrophes and any other punctuation as spaces, each word once,
    /// between spaces (" dupont martin marie "). Set it before every save of a person.
    /// </summary>
    public static string SearchKey(Person p)
    {
        var words = new[] { p.LastName, p.UsageName, p.BirthName, p.FirstNames }.SelectMany(Words).Distinct();
        return " " + string.Join(' ', words) + " ";
    }

    /// <summary>
    /// The folded words of a text, as search compares them: "Jean-Pierre d'Aubigné" → jean, pierre, d, aubigne.
    /// Only letters a–z and digits remain.
    /// </summary>
    public static IEnumerable<string> Words(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) yield break;
        var folded = Text.Fold(text);
        var word = new StringBuilder();
        foreach (var c in folded)
        {
            var spelt = c switch { 'œ' => "oe", 'æ' => "ae", 'ß' => "ss", 'ø' => "o", 'ł' => "l", 'đ' => "d", _ => null };
            if (spelt is not null) word.Append(spelt);
            else if (c is >= 'a' and <= 'z' or >= '0' and <= '9') word.Append(c);
            else if (char.IsLetter(c)) continue; // a letter outside a–z with no spelling: dropped, the word goes on
            else if (word.Length > 0)
            {
                yield return word.ToString();
                word.Clear();
            }
        }
        if (word.Length > 0) yield return word.ToString();
    }
}
