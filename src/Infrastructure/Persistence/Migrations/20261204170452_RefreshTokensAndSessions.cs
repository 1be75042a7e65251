using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CleanAuth.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RefreshTokensAndSessions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "tokens_revoked_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "previous_secret_expires_at",
                table: "api_clients",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "previous_secret_hash",
                table: "api_clients",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "family_id",
                table: "access_tokens",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "refresh_token_families",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    client_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refresh_token_families", x => x.id);
                    table.ForeignKey(
                        name: "fk_refresh_token_families_api_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "api_clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "refresh_tokens",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    family_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token_hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    issued_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_refresh_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_refresh_tokens_refresh_token_families_family_id",
                        column: x => x.family_id,
                        principalTable: "refresh_token_families",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_access_tokens_family_id",
                table: "access_tokens",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_token_families_client_id",
                table: "refresh_token_families",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_token_families_expires_at",
                table: "refresh_token_families",
                column: "expires_at");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_token_families_user_id",
                table: "refresh_token_families",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_family_id",
                table: "refresh_tokens",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "ix_refresh_tokens_token_hash",
                table: "refresh_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_access_tokens_refresh_token_families_family_id",
                table: "access_tokens",
                column: "family_id",
                principalTable: "refresh_token_families",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_access_tokens_refresh_token_families_family_id",
                table: "access_tokens");

            migrationBuilder.DropTable(
                name: "refresh_tokens");

            migrationBuilder.DropTable(
                name: "refresh_token_families");

            migrationBuilder.DropIndex(
                name: "ix_access_tokens_family_id",
                table: "access_tokens");

            migrationBuilder.DropColumn(
                name: "tokens_revoked_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "previous_secret_expires_at",
                table: "api_clients");

            migrationBuilder.DropColumn(
                name: "previous_secret_hash",
                table: "api_clients");

            migrationBuilder.DropColumn(
                name: "family_id",
                table: "access_tokens");
        }
    }
}
