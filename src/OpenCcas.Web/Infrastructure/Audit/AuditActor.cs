namespace OpenCcas.Web.Infrastructure.Audit;

/// <summary>Who the audit log names for the current scope: the signed-in user, or a named system process.</summary>
public sealed class AuditActor
{
    public Guid? UserId { get; private set; }
    public string Name { get; private set; } = "système";

    public void Set(Guid? userId, string name)
    {
        UserId = userId;
        Name = name;
    }
}
