# Build: restore and publish the WebApi project.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig CleanAuth.sln ./
COPY src/ src/
RUN dotnet publish src/WebApi/CleanAuth.WebApi.csproj -c Release -o /app --nologo

# Run: the ASP.NET Core runtime only, as a non-root user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /app ./
USER $APP_UID
ENV ASPNETCORE_URLS=http://0.0.0.0:8080
EXPOSE 8080
# The runtime image has no curl: the executable's own probe verb GETs /health/live (exit 0 or 1).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["dotnet", "CleanAuth.WebApi.dll", "probe"]
ENTRYPOINT ["dotnet", "CleanAuth.WebApi.dll"]
