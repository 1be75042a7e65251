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
ENTRYPOINT ["dotnet", "CleanAuth.WebApi.dll"]
