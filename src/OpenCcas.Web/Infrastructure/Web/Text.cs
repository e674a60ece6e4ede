using System.Globalization;
using System.Text;

namespace OpenCcas.Web.Infrastructure.Web;

public static class Text
{
    /// <summary>Lower case without accents: searches ignore accents and case ("Hélène" matches "helene").</summary>
    public static string Fold(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString().Normalize(NormalizationForm.FormC);
    }
}
