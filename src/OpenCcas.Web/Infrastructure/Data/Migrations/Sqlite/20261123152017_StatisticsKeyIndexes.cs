using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenCcas.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatisticsKeyIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ReceptionVisit_OrganisationId_Channel_ReasonId_At_SiteId_AgentId",
                table: "ReceptionVisit",
                columns: new[] { "OrganisationId", "Channel", "ReasonId", "At", "SiteId", "AgentId" });

            migrationBuilder.CreateIndex(
                name: "IX_Interview_OrganisationId_Mode_At_SiteId_TeamId_PersonId",
                table: "Interview",
                columns: new[] { "OrganisationId", "Mode", "At", "SiteId", "TeamId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointment_OrganisationId_SiteId_Status_Start_PersonId_AgentId",
                table: "Appointment",
                columns: new[] { "OrganisationId", "SiteId", "Status", "Start", "PersonId", "AgentId" });

            // Statistics for the new indexes: without them SQLite's planner, seeing an index it knows nothing about, read
            // a year's appointments to join the few people turning 62 (2.1 s instead of 0.05 s on 200,000 people).
            migrationBuilder.Sql("ANALYZE \"Interview\"; ANALYZE \"Appointment\"; ANALYZE \"ReceptionVisit\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReceptionVisit_OrganisationId_Channel_ReasonId_At_SiteId_AgentId",
                table: "ReceptionVisit");

            migrationBuilder.DropIndex(
                name: "IX_Interview_OrganisationId_Mode_At_SiteId_TeamId_PersonId",
                table: "Interview");

            migrationBuilder.DropIndex(
                name: "IX_Appointment_OrganisationId_SiteId_Status_Start_PersonId_AgentId",
                table: "Appointment");
        }
    }
}
