using System.Text;

namespace OpenCcas.Web.Infrastructure.Identity;

/// <summary>
/// A small QR code encoder (ISO/IEC 18004: byte mode, error correction level M, versions 1 to 10, i.e. up to 213
/// bytes), enough for an otpauth:// address, drawn as inline SVG: the shared key never leaves the server to be drawn
/// by an outside service, and no package is needed.
/// </summary>
public sealed class QrCode
{
    // Per version (index 1..10), level M: error-correction codewords per block, and the blocks (count, data codewords).
    private static readonly int[] EcPerBlock = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26];
    private static readonly (int Count, int Data)[][] Blocks =
    [
        [], [(1, 16)], [(1, 28)], [(1, 44)], [(2, 32)], [(2, 43)], [(4, 27)], [(4, 31)], [(2, 38), (2, 39)], [(3, 36), (2, 37)], [(4, 43), (1, 44)],
    ];
    private static readonly int[][] AlignmentCentres =
    [
        [], [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
    ];
    public const int MaxVersion = 10;

    public int Version { get; }
    public int Size { get; }
    public int Mask { get; private set; }
    private readonly bool[,] modules;   // [y, x], true = dark
    private readonly bool[,] function;  // finder, timing, alignment, format and version areas

    public bool this[int x, int y] => modules[y, x];

    private QrCode(int version, int size)
    {
        Version = version;
        Size = size;
        modules = new bool[size, size];
        function = new bool[size, size];
    }

    /// <summary>Encodes <paramref name="text"/> as UTF-8 bytes; <paramref name="mask"/> forces a mask (0-7), else the best is chosen.</summary>
    public static QrCode Encode(string text, int? mask = null)
    {
        var data = Encoding.UTF8.GetBytes(text);
        var version = 1;
        while (version <= MaxVersion && 4 + CountBits(version) + 8 * data.Length > 8 * DataCapacity(version)) version++;
        if (version > MaxVersion) throw new ArgumentException("Texte trop long pour ce code QR.", nameof(text));

        // Data bits: byte mode, count, bytes, terminator, padding.
        var bits = new List<bool>();
        void Append(int value, int length) { for (var i = length - 1; i >= 0; i--) bits.Add(((value >> i) & 1) != 0); }
        Append(0b0100, 4);
        Append(data.Length, CountBits(version));
        foreach (var b in data) Append(b, 8);
        var capacity = 8 * DataCapacity(version);
        Append(0, Math.Min(4, capacity - bits.Count));
        Append(0, (8 - bits.Count % 8) % 8);
        for (var pad = 0xEC; bits.Count < capacity; pad ^= 0xEC ^ 0x11) Append(pad, 8);
        var codewords = new byte[bits.Count / 8];
        for (var i = 0; i < bits.Count; i++) if (bits[i]) codewords[i >> 3] |= (byte)(0x80 >> (i & 7));

        var qr = new QrCode(version, 17 + 4 * version);
        qr.DrawFunctionPatterns();
        var all = Interleave(version, codewords);
        qr.PlaceData(all);

        var chosen = mask ?? Enumerable.Range(0, 8).MinBy(m =>
        {
            qr.ApplyMask(m);
            qr.DrawFormat(m);
            var penalty = qr.Penalty();
            qr.ApplyMask(m); // masking twice undoes it
            return penalty;
        });
        qr.ApplyMask(chosen);
        qr.DrawFormat(chosen);
        qr.Mask = chosen;
        return qr;
    }

    private static int CountBits(int version) => version <= 9 ? 8 : 16;
    private static int DataCapacity(int version) => Blocks[version].Sum(b => b.Count * b.Data);

    private static byte[] Interleave(int version, byte[] data)
    {
        var ecLength = EcPerBlock[version];
        var generator = Generator(ecLength);
        var dataBlocks = new List<byte[]>();
        var offset = 0;
        foreach (var (count, length) in Blocks[version])
            for (var i = 0; i < count; i++, offset += length)
                dataBlocks.Add(data[offset..(offset + length)]);
        var ecBlocks = dataBlocks.Select(b => Remainder(b, generator)).ToList();
        var result = new List<byte>();
        for (var i = 0; i < dataBlocks.Max(b => b.Length); i++)
            foreach (var b in dataBlocks.Where(b => i < b.Length)) result.Add(b[i]);
        for (var i = 0; i < ecLength; i++)
            foreach (var b in ecBlocks) result.Add(b[i]);
        return result.ToArray();
    }

    // Reed-Solomon over GF(256), polynomial x^8 + x^4 + x^3 + x^2 + 1.
    private static byte Multiply(byte x, byte y)
    {
        var z = 0;
        for (var i = 7; i >= 0; i--)
        {
            z = (z << 1) ^ ((z >> 7) * 0x11D);
            z ^= ((y >> i) & 1) * x;
        }
        return (byte)z;
    }

    private static byte[] Generator(int degree)
    {
        var result = new byte[degree];
        result[degree - 1] = 1;
        byte root = 1;
        for (var i = 0; i < degree; i++)
        {
            for (var j = 0; j < degree; j++)
            {
                result[j] = Multiply(result[j], root);
                if (j + 1 < degree) result[j] ^= result[j + 1];
            }
            root = Multiply(root, 0x02);
        }
        return result;
    }

    private static byte[] Remainder(byte[] data, byte[] generator)
    {
        var result = new byte[generator.Length];
        foreach (var b in data)
        {
            var factor = (byte)(b ^ result[0]);
            Array.Copy(result, 1, result, 0, result.Length - 1);
            result[^1] = 0;
            for (var i = 0; i < result.Length; i++) result[i] ^= Multiply(generator[i], factor);
        }
        return result;
    }

    private void Set(int x, int y, bool dark)
    {
        modules[y, x] = dark;
        function[y, x] = true;
    }

    private void DrawFunctionPatterns()
    {
        for (var i = 0; i < Size; i++)
        {
            Set(6, i, i % 2 == 0);
            Set(i, 6, i % 2 == 0);
        }
        foreach (var (cx, cy) in new[] { (3, 3), (Size - 4, 3), (3, Size - 4) })
            for (var dy = -4; dy <= 4; dy++)
                for (var dx = -4; dx <= 4; dx++)
                {
                    int x = cx + dx, y = cy + dy;
                    if (x < 0 || y < 0 || x >= Size || y >= Size) continue;
                    var d = Math.Max(Math.Abs(dx), Math.Abs(dy));
                    Set(x, y, d != 2 && d != 4);
                }
        var centres = AlignmentCentres[Version];
        for (var i = 0; i < centres.Length; i++)
            for (var j = 0; j < centres.Length; j++)
            {
                if ((i == 0 && j == 0) || (i == 0 && j == centres.Length - 1) || (i == centres.Length - 1 && j == 0)) continue;
                for (var dy = -2; dy <= 2; dy++)
                    for (var dx = -2; dx <= 2; dx++)
                        Set(centres[i] + dx, centres[j] + dy, Math.Max(Math.Abs(dx), Math.Abs(dy)) != 1);
            }
        DrawFormat(0); // reserves the areas; redrawn with the chosen mask
        if (Version >= 7)
        {
            var rem = Version;
            for (var i = 0; i < 12; i++) rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
            var bits = (Version << 12) | rem;
            for (var i = 0; i < 18; i++)
            {
                var dark = ((bits >> i) & 1) != 0;
                int a = Size - 11 + i % 3, b = i / 3;
                Set(a, b, dark);
                Set(b, a, dark);
            }
        }
    }

    private void DrawFormat(int mask)
    {
        var data = (0b00 << 3) | mask; // level M
        var rem = data;
        for (var i = 0; i < 10; i++) rem = (rem << 1) ^ ((rem >> 9) * 0x537);
        var bits = ((data << 10) | rem) ^ 0x5412;
        bool Bit(int i) => ((bits >> i) & 1) != 0;
        for (var i = 0; i <= 5; i++) Set(8, i, Bit(i));
        Set(8, 7, Bit(6));
        Set(8, 8, Bit(7));
        Set(7, 8, Bit(8));
        for (var i = 9; i < 15; i++) Set(14 - i, 8, Bit(i));
        for (var i = 0; i < 8; i++) Set(Size - 1 - i, 8, Bit(i));
        for (var i = 8; i < 15; i++) Set(8, Size - 15 + i, Bit(i));
        Set(8, Size - 8, true); // the dark module
    }

    private void PlaceData(byte[] data)
    {
        var i = 0;
        for (var right = Size - 1; right >= 1; right -= 2)
        {
            if (right == 6) right = 5;
            for (var vert = 0; vert < Size; vert++)
                for (var j = 0; j < 2; j++)
                {
                    var x = right - j;
                    var upward = ((right + 1) & 2) == 0;
                    var y = upward ? Size - 1 - vert : vert;
                    if (function[y, x] || i >= data.Length * 8) continue;
                    modules[y, x] = ((data[i >> 3] >> (7 - (i & 7))) & 1) != 0;
                    i++;
                }
        }
    }

    private void ApplyMask(int mask)
    {
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
            {
                if (function[y, x]) continue;
                var invert = mask switch
                {
                    0 => (x + y) % 2 == 0,
                    1 => y % 2 == 0,
                    2 => x % 3 == 0,
                    3 => (x + y) % 3 == 0,
                    4 => (x / 3 + y / 2) % 2 == 0,
                    5 => x * y % 2 + x * y % 3 == 0,
                    6 => (x * y % 2 + x * y % 3) % 2 == 0,
                    _ => ((x + y) % 2 + x * y % 3) % 2 == 0,
                };
                if (invert) modules[y, x] = !modules[y, x];
            }
    }

    /// <summary>Rules 1, 2 and 4 of the standard's mask evaluation (any mask is readable; this only picks a clean one).</summary>
    private int Penalty()
    {
        var penalty = 0;
        for (var pass = 0; pass < 2; pass++)
            for (var a = 0; a < Size; a++)
            {
                var run = 1;
                for (var b = 1; b < Size; b++)
                {
                    var same = pass == 0 ? modules[a, b] == modules[a, b - 1] : modules[b, a] == modules[b - 1, a];
                    if (same) { run++; if (run == 5) penalty += 3; else if (run > 5) penalty++; }
                    else run = 1;
                }
            }
        for (var y = 0; y < Size - 1; y++)
            for (var x = 0; x < Size - 1; x++)
                if (modules[y, x] == modules[y, x + 1] && modules[y, x] == modules[y + 1, x] && modules[y, x] == modules[y + 1, x + 1])
                    penalty += 3;
        var dark = 0;
        foreach (var m in modules) if (m) dark++;
        penalty += Math.Abs(dark * 20 - Size * Size * 10) / (Size * Size) * 10;
        return penalty;
    }

    /// <summary>The code as an SVG image with a 4-module quiet zone, one path, dark on white.</summary>
    public string ToSvg(int pixelsPerModule = 5)
    {
        var full = Size + 8;
        var path = new StringBuilder();
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
                if (modules[y, x]) path.Append('M').Append(x + 4).Append(',').Append(y + 4).Append("h1v1h-1z");
        return $"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {full} {full}" width="{full * pixelsPerModule}" height="{full * pixelsPerModule}" shape-rendering="crispEdges" aria-hidden="true" focusable="false"><rect width="{full}" height="{full}" fill="#fff"/><path d="{path}" fill="#000"/></svg>""";
    }
}
