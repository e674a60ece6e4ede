using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Documents;

namespace OpenCcas.Web.People.Rights;

/// <summary>
/// The readable copy of everything held about a person ("Vos données détenues par…"), A4, in French: a heading per
/// kind of record, each record as a two-column table (field, value), page breaks where needed, page numbers.
/// </summary>
public static class PersonDataPdf
{
    private const double Margin = 50, LabelWidth = 160, LineHeight = 13;
    private static readonly CultureInfo Fr = OpenCcasApp.French;

    private static readonly Dictionary<string, string> Fields = new()
    {
        ["FileNumber"] = "N° de dossier", ["LastName"] = "Nom", ["UsageName"] = "Nom d'usage", ["BirthName"] = "Nom de naissance",
        ["FirstNames"] = "Prénoms", ["Sex"] = "Sexe", ["BirthDate"] = "Date de naissance", ["BirthPlace"] = "Lieu de naissance",
        ["Nationality"] = "Nationalité", ["Phone"] = "Téléphone", ["Email"] = "Courriel", ["NoStableHome"] = "Sans domicile stable",
        ["Address"] = "Adresse", ["PostalCode"] = "Code postal", ["City"] = "Commune", ["Housing"] = "Logement",
        ["Family"] = "Situation familiale", ["Professional"] = "Situation professionnelle", ["CafNumber"] = "N° allocataire CAF",
        ["FranceTravailNumber"] = "Identifiant France Travail", ["Nir"] = "N° de sécurité sociale", ["Protection"] = "Mesure de protection",
        ["ProtectionRepresentative"] = "Représentant", ["GirLevel"] = "GIR", ["Site"] = "Site", ["Team"] = "Équipe", ["Referent"] = "Référent",
        ["Status"] = "Statut", ["DeathDate"] = "Date de décès", ["CreatedAt"] = "Créé le", ["LastOperationAt"] = "Dernière opération",
        ["Kind"] = "Type", ["MonthlyAmount"] = "Montant mensuel (€)", ["Label"] = "Libellé", ["GivenAt"] = "Donné le",
        ["WithdrawnAt"] = "Retiré le", ["Title"] = "Titre", ["FileName"] = "Fichier", ["ContentType"] = "Format", ["Size"] = "Taille (octets)",
        ["Confidential"] = "Confidentiel", ["UploadedAt"] = "Déposé le", ["UploadedBy"] = "Déposé par", ["Name"] = "Nom", ["Role"] = "Rôle",
        ["Dependant"] = "À charge", ["JoinedOn"] = "Entrée le", ["LeftOn"] = "Sortie le", ["At"] = "Date", ["Channel"] = "Canal",
        ["Outcome"] = "Suite donnée", ["Comment"] = "Commentaire", ["Agent"] = "Agent", ["Start"] = "Début", ["End"] = "Fin", ["Mode"] = "Mode",
        ["Subject"] = "Objet", ["ReminderSentAt"] = "Rappel envoyé le", ["Recipient"] = "Destinataire", ["SentAt"] = "Envoyé le",
        ["Succeeded"] = "Réussi", ["Error"] = "Erreur", ["DurationMinutes"] = "Durée (minutes)", ["Subjects"] = "Sujets", ["Summary"] = "Résumé",
        ["Author"] = "Auteur", ["Confidentiality"] = "Confidentialité", ["Sensitive"] = "Sensible", ["Text"] = "Texte",
        ["TextWithheld"] = "Texte", ["Assignee"] = "Chargé de l'action", ["DueOn"] = "Échéance", ["DoneAt"] = "Faite le", ["On"] = "Date",
        ["Reason"] = "Motif", ["StartedOn"] = "Commencé le", ["Who"] = "Qui", ["Topic"] = "Thème", ["Facilitator"] = "Animateur",
        ["AnonymousParticipants"] = "Participants anonymes", ["Organism"] = "Organisme", ["Help"] = "Accompagnement", ["Description"] = "Description",
        ["ContactName"] = "Contact", ["Services"] = "Services", ["Active"] = "Actif", ["SortOrder"] = "Ordre", ["By"] = "Par", ["Action"] = "Action",
        ["Details"] = "Détail",
    };

    private static readonly Dictionary<string, string> Actions = new()
    {
        ["Create"] = "Création", ["Update"] = "Modification", ["Delete"] = "Suppression", ["Read"] = "Consultation",
        ["Export"] = "Export", ["Print"] = "Impression",
    };

    public static byte[] Write(PersonData data)
    {
        PdfFonts.EnsureResolver();
        var document = new PdfDocument();
        document.Info.Title = $"Vos données détenues par {data.Organisation}";
        document.Info.Author = data.Organisation;
        var writer = new Writer(document);
        writer.Heading($"Vos données détenues par {data.Organisation}", 16);
        writer.Paragraph($"{data.DisplayName} — document établi le {data.GeneratedAt.Display()} au titre de votre droit d'accès (RGPD, article 15).");
        writer.Paragraph("Il reprend toutes les informations que le CCAS conserve à votre sujet : identité, situation, ressources, rendez-vous, entretiens, notes, démarches, ainsi que la liste des consultations de votre dossier.");
        writer.Heading("Identité et situation", 13);
        writer.Record(data.Person);
        foreach (var section in data.Sections)
        {
            writer.Heading($"{section.Title} ({section.Rows.Count})", 13);
            if (section.Note is { } note) writer.Paragraph(note);
            if (section.Rows.Count == 0) writer.Paragraph("Aucun enregistrement.");
            foreach (var row in section.Rows) writer.Record(row);
        }
        writer.Heading($"Consultations et modifications de votre dossier ({data.AccessLog.Count})", 13);
        foreach (var line in data.AccessLog) writer.Record(line);
        writer.Finish();
        using var stream = new MemoryStream();
        document.Save(stream, false);
        return stream.ToArray();
    }

    public static string Format(string field, object? value) => value switch
    {
        null => "",
        DateTimeOffset d => d.Display(),
        DateOnly d => d.ToString("dd/MM/yyyy", Fr),
        decimal m => m.ToString("N2", Fr),
        bool b => b ? "Oui" : "Non",
        string s when field == "Action" => Actions.GetValueOrDefault(s, s),
        IFormattable f => f.ToString(null, Fr),
        _ => value.ToString() ?? "",
    };

    private sealed class Writer(PdfDocument document)
    {
        private readonly XFont body = new(PdfFonts.Family, 9);
        private readonly XFont bold = new(PdfFonts.Family, 9, XFontStyleEx.Bold);
        private PdfPage page = null!;
        private XGraphics gfx = null!;
        private double y;

        private double Width => page.Width.Point - 2 * Margin;

        private void NewPage()
        {
            gfx?.Dispose();
            page = document.AddPage();
            page.Size = PdfSharp.PageSize.A4;
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        private void Need(double height)
        {
            if (gfx is null || y + height > page.Height.Point - Margin - 20) NewPage();
        }

        public void Heading(string text, double size)
        {
            var font = new XFont(PdfFonts.Family, size, XFontStyleEx.Bold);
            Need(size * 3);
            y += size * 0.6;
            foreach (var line in Wrap(text, font, Width))
            {
                gfx.DrawString(line, font, XBrushes.Black, Margin, y + size);
                y += size * 1.3;
            }
            y += 4;
        }

        public void Paragraph(string text)
        {
            foreach (var line in Wrap(text, body, Width))
            {
                Need(LineHeight);
                gfx.DrawString(line, body, XBrushes.Black, Margin, y + 9);
                y += LineHeight;
            }
            y += 4;
        }

        /// <summary>One record as a bordered two-column table; a long record goes on over the page break.</summary>
        public void Record(Dictionary<string, object?> row)
        {
            var cells = row.Where(kv => kv.Value is not null && !IsTechnical(kv.Key))
                .Select(kv => (Label: Fields.GetValueOrDefault(kv.Key, kv.Key), Value: Format(kv.Key, kv.Value))).ToList();
            Need(LineHeight * 2);
            foreach (var (label, value) in cells)
            {
                var lines = Wrap(value, body, Width - LabelWidth - 8);
                var labelLines = Wrap(label, bold, LabelWidth - 8);
                var height = Math.Max(lines.Count, labelLines.Count) * LineHeight + 4;
                Need(height);
                gfx.DrawRectangle(XPens.LightGray, Margin, y, LabelWidth, height);
                gfx.DrawRectangle(XPens.LightGray, Margin + LabelWidth, y, Width - LabelWidth, height);
                for (var i = 0; i < labelLines.Count; i++) gfx.DrawString(labelLines[i], bold, XBrushes.Black, Margin + 4, y + 11 + i * LineHeight);
                for (var i = 0; i < lines.Count; i++) gfx.DrawString(lines[i], body, XBrushes.Black, Margin + LabelWidth + 4, y + 11 + i * LineHeight);
                y += height;
            }
            y += 8;
        }

        private static bool IsTechnical(string key) => key == "Id" || key.EndsWith("Id", StringComparison.Ordinal);

        private List<string> Wrap(string text, XFont font, double width)
        {
            Need(0);
            var result = new List<string>();
            foreach (var paragraph in text.Replace("\r", "").Split('\n'))
            {
                var line = "";
                foreach (var word in paragraph.Split(' '))
                {
                    var candidate = line.Length == 0 ? word : line + " " + word;
                    if (gfx.MeasureString(candidate, font).Width <= width || line.Length == 0 && gfx.MeasureString(word, font).Width <= width)
                    {
                        line = candidate;
                        continue;
                    }
                    if (line.Length > 0) result.Add(line);
                    line = word;
                    while (gfx.MeasureString(line, font).Width > width && line.Length > 1)
                    {
                        var cut = line.Length - 1;
                        while (cut > 1 && gfx.MeasureString(line[..cut], font).Width > width) cut--;
                        result.Add(line[..cut]);
                        line = line[cut..];
                    }
                }
                result.Add(line);
            }
            return result;
        }

        public void Finish()
        {
            gfx?.Dispose();
            var total = document.PageCount;
            for (var i = 0; i < total; i++)
            {
                using var g = XGraphics.FromPdfPage(document.Pages[i], XGraphicsPdfPageOptions.Append);
                g.DrawString($"Page {i + 1} / {total}", body, XBrushes.Gray,
                    new XRect(0, document.Pages[i].Height.Point - Margin + 10, document.Pages[i].Width.Point, 12), XStringFormats.TopCenter);
            }
        }
    }
}
