using OpenCcas.Domain.Platform;
using OpenCcas.Web.Demo;
using OtpNet;

namespace OpenCcas.Identity.Tests;

internal static class Demo
{
    public static string Email(Role role) => DemoSeeder.RoleAccounts.Single(a => a.Role == role).Email;
    public const string Password = DemoSeeder.Password;

    /// <summary>The code an authenticator app would show for this shared key (Base32), at <paramref name="at"/>.</summary>
    public static string Totp(string sharedKey, DateTime? at = null) =>
        new Totp(Base32Encoding.ToBytes(sharedKey.Replace(" ", "").ToUpperInvariant())).ComputeTotp(at ?? DateTime.UtcNow);
}
