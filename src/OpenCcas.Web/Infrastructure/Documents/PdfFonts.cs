using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using OpenCcas.Web.Infrastructure.Audit;

namespace OpenCcas.Web.Infrastructure.Documents;

/// <summary>
/// PDFsharp needs font files: DejaVu Sans (Debian's fonts-dejavu-core), Liberation Sans, or the TrueType files named
/// by the environment variable OPENCCAS_PDF_FONT (regular) and OPENCCAS_PDF_FONT_BOLD.
/// </summary>
public sealed class PdfFonts : IFontResolver
{
    public const string Family = "OpenCCAS Sans";
    private static readonly object Gate = new();

    private static readonly string[][] Candidates =
    [
        ["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"],
        ["/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"],
        ["/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"],
        ["C:\\Windows\\Fonts\\arial.ttf", "C:\\Windows\\Fonts\\arialbd.ttf"],
    ];

    private readonly string regular;
    private readonly string boldFile;

    private PdfFonts(string regular, string bold) => (this.regular, boldFile) = (regular, bold);

    public static void EnsureResolver()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is PdfFonts) return;
            var env = Environment.GetEnvironmentVariable("OPENCCAS_PDF_FONT");
            var pair = env is not null ? [env, Environment.GetEnvironmentVariable("OPENCCAS_PDF_FONT_BOLD") ?? env]
                : Candidates.FirstOrDefault(c => File.Exists(c[0]))
                  ?? throw new InvalidOperationException("Aucune police TrueType trouvée pour les PDF : installez fonts-dejavu-core ou réglez OPENCCAS_PDF_FONT.");
            var bold = File.Exists(pair[1]) ? pair[1] : pair[0];
            if (GlobalFontSettings.FontResolver is null) GlobalFontSettings.FontResolver = new PdfFonts(pair[0], bold);
            else GlobalFontSettings.FallbackFontResolver ??= new PdfFonts(pair[0], bold);
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        new(isBold ? "openccas-bold" : "openccas-regular", false, isItalic);

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(faceName == "openccas-bold" ? boldFile : regular);
}
