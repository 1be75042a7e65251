using CleanAuth.Application;
using CleanAuth.Infrastructure;
using CleanAuth.WebApi;
using CleanAuth.WebApi.Admin;
using CleanAuth.WebApi.Hosting;

// The container health check: one GET, without building the host.
if (HealthProbe.Handles(args))
{
    return await HealthProbe.RunAsync(args, Console.Error);
}

var isAdminCommand = AdminCommandLine.Handles(args);

// Admin verbs take their own arguments; only serving passes them on as host configuration.
var builder = WebApplication.CreateBuilder(isAdminCommand ? [] : args);
builder.AddLocalSettings();

builder.AddSerilogLogging(forAdminCommands: isAdminCommand);
builder.Services
    .AddApplication()
    .AddInfrastructure(builder.Configuration)
    .AddWebApi(builder.Configuration, builder.Environment);

var app = builder.Build();

if (isAdminCommand)
{
    return await new AdminCommandLine(app.Services, Console.Out, Console.Error).RunAsync(args);
}

app.UseWebApi();
await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;
