using OpenCcas.Domain.Common;

namespace OpenCcas.Domain.Platform;

public enum OrganisationKind { Ccas, Cias }

/// <summary>The tenant: a CCAS or a CIAS.</summary>
public sealed class Organisation : IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public OrganisationKind Kind { get; set; }
    public required string Name { get; set; }
    /// <summary>Communes covered, one per line (a CIAS covers several).</summary>
    public string Communes { get; set; } = "";
    public string? Siret { get; set; }
    public string? Address { get; set; }
    public byte[]? Logo { get; set; }
    public string? LogoContentType { get; set; }
    /// <summary>When true every user must enrol a second factor (TOTP) before using the application.</summary>
    public bool RequireTwoFactor { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public int Version { get; set; }

    public IEnumerable<string> CommuneList =>
        Communes.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string? ValidateSiret(string? siret)
    {
        if (string.IsNullOrWhiteSpace(siret)) return null;
        var digits = siret.Replace(" ", "");
        if (digits.Length != 14 || !digits.All(char.IsAsciiDigit))
            return "Le SIRET doit comporter 14 chiffres.";
        // Luhn check, as INSEE computes it.
        var sum = 0;
        for (var i = 0; i < 14; i++)
        {
            var d = digits[13 - i] - '0';
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0 ? null : "Ce SIRET n'est pas valide (clé de contrôle incorrecte).";
    }
}
