using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenCcas.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PeopleSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "Person",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PersonSearchTerms",
                columns: table => new
                {
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<byte>(type: "smallint", nullable: false),
                    Term = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonSearchTerms", x => new { x.OrganisationId, x.PersonId, x.Kind, x.Term });
                    table.ForeignKey(
                        name: "FK_PersonSearchTerms_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PersonSearchTerms_Lookup",
                table: "PersonSearchTerms",
                columns: new[] { "OrganisationId", "Term", "Kind", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonSearchTerms_PersonId",
                table: "PersonSearchTerms",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PersonSearchTerms");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Person");
        }
    }
}
