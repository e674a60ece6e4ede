namespace OpenCcas.Web.Infrastructure.Web;

/// <summary>Checks an uploaded image by its size and its first bytes, not by the name or type the browser claims.</summary>
public static class UploadedImage
{
    public static async Task<(byte[]? Bytes, string? ContentType, string? Error)> ReadAsync(IFormFile? file, int maxBytes)
    {
        if (file is null || file.Length == 0) return (null, null, "Choisissez un fichier.");
        if (file.Length > maxBytes) return (null, null, $"Le fichier dépasse la taille autorisée ({maxBytes / 1024} Ko).");
        using var ms = new MemoryStream();
        await file.CopyToAsync(ms);
        var bytes = ms.ToArray();
        var type = Sniff(bytes);
        return type is null
            ? (null, null, "Type de fichier refusé : seuls les images PNG et JPEG sont acceptées.")
            : (bytes, type, null);
    }

    public static string? Sniff(ReadOnlySpan<byte> b) =>
        b.Length > 8 && b[0] == 0x89 && b[1] == 0x50 && b[2] == 0x4E && b[3] == 0x47 ? "image/png"
        : b.Length > 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF ? "image/jpeg"
        : null;
}
