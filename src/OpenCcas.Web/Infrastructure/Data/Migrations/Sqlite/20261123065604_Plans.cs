using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenCcas.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Plans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PlanGoal_OrganisationId_ActionPlanId",
                table: "PlanGoal");

            migrationBuilder.AddColumn<int>(
                name: "Position",
                table: "PlanGoal",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "PlanAction",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_PlanGoal_OrganisationId_ActionPlanId_Position",
                table: "PlanGoal",
                columns: new[] { "OrganisationId", "ActionPlanId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanAction_AgentId",
                table: "PlanAction",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveSession_FacilitatorId",
                table: "CollectiveSession",
                column: "FacilitatorId");

            migrationBuilder.AddForeignKey(
                name: "FK_CollectiveSession_AspNetUsers_FacilitatorId",
                table: "CollectiveSession",
                column: "FacilitatorId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_PlanAction_AspNetUsers_AgentId",
                table: "PlanAction",
                column: "AgentId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_CollectiveSession_AspNetUsers_FacilitatorId",
                table: "CollectiveSession");

            migrationBuilder.DropForeignKey(
                name: "FK_PlanAction_AspNetUsers_AgentId",
                table: "PlanAction");

            migrationBuilder.DropIndex(
                name: "IX_PlanGoal_OrganisationId_ActionPlanId_Position",
                table: "PlanGoal");

            migrationBuilder.DropIndex(
                name: "IX_PlanAction_AgentId",
                table: "PlanAction");

            migrationBuilder.DropIndex(
                name: "IX_CollectiveSession_FacilitatorId",
                table: "CollectiveSession");

            migrationBuilder.DropColumn(
                name: "Position",
                table: "PlanGoal");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "PlanAction");

            migrationBuilder.CreateIndex(
                name: "IX_PlanGoal_OrganisationId_ActionPlanId",
                table: "PlanGoal",
                columns: new[] { "OrganisationId", "ActionPlanId" });
        }
    }
}
