using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenCcas.Web.People.Search;

/// <summary>
/// What a typed search says: name words (each a prefix, tolerating one typo when 4 letters or more), birth dates
/// (dd/MM/yyyy, d/M/yyyy, ddMMyyyy), or a number that can be a file number, a phone number or a birth date.
/// </summary>
public sealed partial record SearchQuery(IReadOnlyList<string> Words, IReadOnlyList<DateOnly> Dates, string? Digits)
{
    /// <summary>Words of this length or more tolerate one typo (substitution, insertion, deletion, transposition).</summary>
    public const int TypoMinLength = 4;

    public bool IsEmpty => Words.Count == 0 && Dates.Count == 0 && Digits is null;

    public static SearchQuery Parse(string? text)
    {
        text = (text ?? "").Trim();
        if (text.Length > 200) text = text[..200];
        if (text.Length == 0) return new([], [], null);

        // A date typed with slashes is a birth date, nothing else: looking it up as a file number and a phone prefix too
        // costs PostgreSQL three lookups to plan for nothing a user meant (dots and dashes may be a phone's: "06.12.34").
        if (text.Contains('/') && TryTypedDate(text, out var typed))
            return new([], [typed], null);

        // A number alone: phone ("06 12 34 56 78", "+33 6 12..."), file number ("1234", "n° 1234") or date ("12031984").
        var compact = NumberNoise().Replace(text, "");
        if (compact.Length > 0 && NumberOnly().IsMatch(compact))
        {
            var digits = PhoneDigits(compact)!;
            var dates = new List<DateOnly>();
            if (digits.Length == 8 && DateOnly.TryParseExact(digits, "ddMMyyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) dates.Add(d);
            return new([], dates, digits);
        }

        var words = new List<string>();
        var found = new List<DateOnly>();
        foreach (var token in text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (TryTypedDate(token, out var date))
            {
                found.Add(date);
                continue;
            }
            if (token.Length == 8 && token.All(char.IsAsciiDigit)
                && DateOnly.TryParseExact(token, "ddMMyyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var packed))
            {
                found.Add(packed);
                continue;
            }
            foreach (var w in PersonNames.Words(token))
                if (!words.Contains(w)) words.Add(w.Length <= 100 ? w : w[..100]);
        }
        // A longer word first: it narrows the search most, and a word that is a prefix of another adds nothing.
        words = words.Where(w => !words.Any(o => o != w && o.StartsWith(w, StringComparison.Ordinal)))
            .OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).Take(6).ToList();
        return new(words, found, null);
    }

    /// <summary>A date typed d/M/yyyy, with slashes, dots or dashes.</summary>
    private static bool TryTypedDate(string token, out DateOnly date)
    {
        date = default;
        return DateToken().IsMatch(token) && DateOnly.TryParseExact(token.Replace('.', '/').Replace('-', '/'),
            ["d/M/yyyy", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>The digits of a phone number in national form: "+33 6 12 34 56 78" → "0612345678". Null when none.</summary>
    public static string? PhoneDigits(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var t = phone.Trim();
        var international = t.StartsWith('+');
        var digits = new string(t.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 0) return null;
        if (international && digits.StartsWith("33")) digits = "0" + digits[2..];
        else if (digits.StartsWith("0033")) digits = "0" + digits[4..];
        return digits;
    }

    /// <summary>The word with one letter removed, each variant once.</summary>
    public static IEnumerable<string> Deletions(string word)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < word.Length; i++)
        {
            var d = string.Concat(word.AsSpan(0, i), word.AsSpan(i + 1));
            if (seen.Add(d)) yield return d;
        }
    }

    /// <summary>The smallest string greater than every string starting with <paramref name="prefix"/> (a–z, 0–9), or null.</summary>
    public static string? PrefixEnd(string prefix)
    {
        var chars = prefix.ToCharArray();
        for (var i = chars.Length - 1; i >= 0; i--)
        {
            var c = chars[i];
            if (c is >= 'a' and < 'z' || c is >= '0' and < '9') return new string(chars, 0, i) + (char)(c + 1);
            if (c == '9') return new string(chars, 0, i) + 'a';
            // 'z': carry to the previous character
        }
        return null;
    }

    /// <summary>At most one edit apart: one substitution, insertion, deletion or swap of two adjacent letters.</summary>
    public static bool WithinOneEdit(string a, string b)
    {
        if (a == b) return true;
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        if (a.Length == b.Length)
        {
            var i = 0;
            while (a[i] == b[i]) i++;
            if (a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))) return true; // substitution
            return i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2));
        }
        var (shorter, longer) = a.Length < b.Length ? (a, b) : (b, a);
        var j = 0;
        while (j < shorter.Length && shorter[j] == longer[j]) j++;
        return shorter.AsSpan(j).SequenceEqual(longer.AsSpan(j + 1));
    }

    [GeneratedRegex(@"[\s.\-()/]|^n°|^no|^#", RegexOptions.IgnoreCase)]
    private static partial Regex NumberNoise();

    [GeneratedRegex(@"^\+?[0-9]+$")]
    private static partial Regex NumberOnly();

    [GeneratedRegex(@"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}$")]
    private static partial Regex DateToken();
}
