using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenCcas.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditRedactionAndPurge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing lines keep no digest (they verify with the former formula); existing chains start at 1, from the genesis.
            migrationBuilder.AddColumn<string>(
                name: "DetailsHash",
                table: "AuditEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RedactedAt",
                table: "AuditEntries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FirstPreviousHash",
                table: "AuditChainHeads",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "0000000000000000000000000000000000000000000000000000000000000000");

            migrationBuilder.AddColumn<long>(
                name: "FirstSequence",
                table: "AuditChainHeads",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DetailsHash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "RedactedAt",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "FirstPreviousHash",
                table: "AuditChainHeads");

            migrationBuilder.DropColumn(
                name: "FirstSequence",
                table: "AuditChainHeads");
        }
    }
}
