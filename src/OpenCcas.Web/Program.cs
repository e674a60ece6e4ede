using OpenCcas.Web;

// "dotnet run --project src/OpenCcas.Web" serves the application; with a command word it runs an operation
// instead (create-organisation, verify-audit, backup, restore): see the README.
var app = OpenCcasApp.Build(args);
if (args.Length > 0 && Commands.IsCommand(args[0]))
    return await Commands.RunAsync(app, args);
await OpenCcasApp.PrepareAsync(app);
await app.RunAsync();
return 0;

public partial class Program;
