using System.Diagnostics;
using System.Text;
using OpenCcas.Web.Account;
using OpenCcas.Web.Infrastructure.Identity;
using Shouldly;

namespace OpenCcas.Identity.Tests;

public sealed class QrCodeTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(14, 1)]
    [InlineData(15, 2)]
    [InlineData(100, 6)]
    [InlineData(213, 10)]
    public void Version_grows_with_the_text(int length, int version)
    {
        var qr = QrCode.Encode(new string('a', length));
        qr.Version.ShouldBe(version);
        qr.Size.ShouldBe(17 + 4 * version);
    }

    [Fact]
    public void Too_long_a_text_is_refused() => Should.Throw<ArgumentException>(() => QrCode.Encode(new string('a', 214)));

    /// <summary>Round trip through a real decoder (zbar), when the machine has it (Debian package zbar-tools).</summary>
    [Fact]
    public void Codes_of_every_version_and_mask_are_read_back_by_zbar()
    {
        // test.sh installs zbar-tools; under CI a missing decoder is a failure, never a skip.
        if (Environment.GetEnvironmentVariable("CI") == "true")
            File.Exists("/usr/bin/zbarimg").ShouldBeTrue("zbarimg (Debian package zbar-tools) is required under CI.");
        else
            Assert.SkipUnless(File.Exists("/usr/bin/zbarimg"), "zbarimg (zbar-tools) is not installed.");
        var texts = new List<string>
        {
            "A",
            TwoFactorSetupModel.AuthenticatorUriFor(TwoFactorSetupModel.Issuer, "social@demo.openccas.fr", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"),
            "Accents é à ç – “guillemets” 🙂",
        };
        texts.AddRange(new[] { 20, 40, 60, 80, 100, 120, 150, 180, 213 }.Select(n => string.Concat(Enumerable.Range(0, n).Select(i => (char)('a' + i % 26)))));
        var dir = Directory.CreateTempSubdirectory("qr-");
        try
        {
            foreach (var text in texts)
                for (var mask = 0; mask < 8; mask++)
                {
                    var qr = QrCode.Encode(text, mask);
                    var file = Path.Combine(dir.FullName, $"v{qr.Version}-m{mask}.pbm");
                    File.WriteAllText(file, Pbm(qr, 4));
                    Decode(file).ShouldBe(text, $"version {qr.Version}, mask {mask}");
                }
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string Pbm(QrCode qr, int scale)
    {
        var full = (qr.Size + 8) * scale;
        var sb = new StringBuilder($"P1\n{full} {full}\n");
        for (var py = 0; py < full; py++)
        {
            for (var px = 0; px < full; px++)
            {
                int x = px / scale - 4, y = py / scale - 4;
                sb.Append(x >= 0 && y >= 0 && x < qr.Size && y < qr.Size && qr[x, y] ? '1' : '0').Append(' ');
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static string Decode(string file)
    {
        var start = new ProcessStartInfo("/usr/bin/zbarimg", ["--raw", "-q", "-Sbinary", file])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.TrimEnd('\n');
    }
}
