using System.Net;
using System.Net.Mail;
using Microsoft.Extensions.Options;

namespace OpenCcas.Web.Infrastructure.Identity;

public sealed class SmtpSettings
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    public string From { get; set; } = "ne-pas-repondre@openccas.local";
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    public bool EnableSsl { get; set; }
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
}

/// <summary>Sends mail through the organisation's SMTP relay (settings "Smtp:*").</summary>
public sealed class EmailSender(IOptionsMonitor<SmtpSettings> settings, ILogger<EmailSender> log)
{
    public bool IsConfigured => settings.CurrentValue.IsConfigured;

    public async Task SendAsync(string to, string subject, string body, CancellationToken ct = default)
    {
        var s = settings.CurrentValue;
        if (!s.IsConfigured) throw new InvalidOperationException("Aucun serveur SMTP n'est configuré (Smtp:Host).");
        using var client = new SmtpClient(s.Host, s.Port) { EnableSsl = s.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(s.UserName)) client.Credentials = new NetworkCredential(s.UserName, s.Password);
        using var message = new MailMessage(s.From, to, subject, body) { BodyEncoding = System.Text.Encoding.UTF8, SubjectEncoding = System.Text.Encoding.UTF8 };
        await client.SendMailAsync(message, ct);
        log.LogInformation("Mail sent: {Subject}", subject); // no address: no personal data in the logs
    }
}
