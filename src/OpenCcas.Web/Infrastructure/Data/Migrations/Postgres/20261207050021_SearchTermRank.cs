using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenCcas.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SearchTermRank : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PersonSearchTerms_Lookup",
                table: "PersonSearchTerms");

            migrationBuilder.AddColumn<int>(
                name: "FileNumber",
                table: "PersonSearchTerms",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "PersonSearchTerms",
                type: "character varying(500)",
                maxLength: 500,
                nullable: false,
                defaultValue: "");

            // Each term gets its person's rank (what PersonSearchIndex writes from now on).
            migrationBuilder.Sql("""
                UPDATE "PersonSearchTerms" SET "SearchName" = p."SearchName", "FileNumber" = p."FileNumber"
                FROM "Person" AS p WHERE p."Id" = "PersonSearchTerms"."PersonId";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_PersonSearchTerms_Lookup",
                table: "PersonSearchTerms",
                columns: new[] { "OrganisationId", "Term", "Kind", "PersonId", "SearchName", "FileNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PersonSearchTerms_Lookup",
                table: "PersonSearchTerms");

            migrationBuilder.DropColumn(
                name: "FileNumber",
                table: "PersonSearchTerms");

            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "PersonSearchTerms");

            migrationBuilder.CreateIndex(
                name: "IX_PersonSearchTerms_Lookup",
                table: "PersonSearchTerms",
                columns: new[] { "OrganisationId", "Term", "Kind", "PersonId" });
        }
    }
}
