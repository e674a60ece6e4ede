namespace OpenCcas.Domain.People;

/// <summary>
/// The French social security number (NIR): 13 characters then a 2-digit key, 97 − (number mod 97). Corsica's
/// département codes 2A and 2B count as 19 and 18 in the key.
/// </summary>
public static class Nir
{
    /// <summary>Without spaces, upper case; null when empty.</summary>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return new string(value.Where(c => !char.IsWhiteSpace(c) && c != '.' && c != '-').ToArray()).ToUpperInvariant();
    }

    /// <summary>A French message when the number is malformed or its key wrong, null when it is valid.</summary>
    public static string? Check(string? value)
    {
        var nir = Normalise(value);
        if (nir is null) return null;
        if (nir.Length != 15) return "Le numéro de sécurité sociale doit comporter 15 caractères (13 chiffres et la clé).";
        if (nir[0] is not ('1' or '2' or '3' or '4' or '7' or '8'))
            return "Le numéro de sécurité sociale doit commencer par 1 ou 2 (sexe).";
        var body = nir[..13];
        var corsica = body[5..7] is "2A" or "2B";
        if (corsica) body = body[..5] + "00" + body[7..];
        if (!body.All(char.IsAsciiDigit) || !nir[13..].All(char.IsAsciiDigit))
            return "Le numéro de sécurité sociale ne doit contenir que des chiffres (2A ou 2B pour la Corse).";
        var number = long.Parse(body);
        // The département digits are the 10^7 and 10^6 places: 2A counts as 19, 2B as 18.
        if (corsica) number += nir[6] == 'A' ? 19_000_000 : 18_000_000;
        var key = 97 - (int)(number % 97);
        return key == int.Parse(nir[13..]) ? null : "La clé du numéro de sécurité sociale ne correspond pas : vérifiez le numéro.";
    }

    public static bool IsValid(string? value) => Normalise(value) is not null && Check(value) is null;
}
