using System.Text;

namespace OpenCcas.Domain.Reception;

public sealed record IcsEvent(string Uid, DateTimeOffset Start, DateTimeOffset End, string Summary, string? Location, string? Description, bool Cancelled, int Sequence);

/// <summary>
/// iCalendar (RFC 5545) text: CRLF line ends, TEXT values escaped (backslash, semicolon, comma, new line), times in
/// UTC, lines longer than 75 octets folded (a CRLF and a space, never inside a UTF-8 character).
/// </summary>
public static class Ics
{
    public static string Calendar(IEnumerable<IcsEvent> events, DateTimeOffset stamp, string name)
    {
        var lines = new List<string>
        {
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//OpenCCAS//Rendez-vous//FR", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Escape(name),
        };
        foreach (var e in events)
        {
            lines.Add("BEGIN:VEVENT");
            lines.Add("UID:" + e.Uid);
            lines.Add("DTSTAMP:" + Utc(stamp));
            lines.Add("DTSTART:" + Utc(e.Start));
            lines.Add("DTEND:" + Utc(e.End));
            lines.Add("SEQUENCE:" + e.Sequence);
            lines.Add("SUMMARY:" + Escape(e.Summary));
            if (!string.IsNullOrWhiteSpace(e.Location)) lines.Add("LOCATION:" + Escape(e.Location));
            if (!string.IsNullOrWhiteSpace(e.Description)) lines.Add("DESCRIPTION:" + Escape(e.Description));
            lines.Add("STATUS:" + (e.Cancelled ? "CANCELLED" : "CONFIRMED"));
            lines.Add("END:VEVENT");
        }
        lines.Add("END:VCALENDAR");
        var sb = new StringBuilder();
        foreach (var line in lines) sb.Append(Fold(line)).Append("\r\n");
        return sb.ToString();
    }

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Escape(string text) => text
        .Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,")
        .Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\n");

    /// <summary>Folds a content line into chunks of at most 75 octets (continuation lines start with a space, which counts).</summary>
    public static string Fold(string line)
    {
        var sb = new StringBuilder();
        var octets = 0;
        var limit = 75;
        for (var i = 0; i < line.Length; i++)
        {
            var width = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, width));
            if (octets + size > limit)
            {
                sb.Append("\r\n ");
                octets = 1;
            }
            sb.Append(line, i, width);
            octets += size;
            i += width - 1;
        }
        return sb.ToString();
    }
}
