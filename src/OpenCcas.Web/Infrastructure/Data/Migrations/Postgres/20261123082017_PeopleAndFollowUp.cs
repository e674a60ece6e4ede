using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenCcas.Web.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PeopleAndFollowUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CollectiveSession",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    FacilitatorId = table.Column<Guid>(type: "uuid", nullable: false),
                    AnonymousParticipants = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollectiveSession", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CollectiveSession_AspNetUsers_FacilitatorId",
                        column: x => x.FacilitatorId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CollectiveSession_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Household",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Household", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Partner",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ContactName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Services = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Partner", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Person",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileNumber = table.Column<int>(type: "integer", nullable: false),
                    LastName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UsageName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    BirthName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    FirstNames = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Sex = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "date", nullable: true),
                    BirthPlace = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    Nationality = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SearchName = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Phone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    NoStableHome = table.Column<bool>(type: "boolean", nullable: false),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    PostalCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    City = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Housing = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Family = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Professional = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    CafNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    FranceTravailNumber = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Nir = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    Protection = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    ProtectionRepresentative = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    GirLevel = table.Column<int>(type: "integer", nullable: true),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: true),
                    ReferentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    MergedIntoId = table.Column<Guid>(type: "uuid", nullable: true),
                    DeathDate = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastOperationAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Person", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Person_AspNetUsers_ReferentId",
                        column: x => x.ReferentId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Person_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ReceptionReason",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Label = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceptionReason", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ActionPlan",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionPlan", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionPlan_Household_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Household",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ActionPlan_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Appointment",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    End = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReminderSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appointment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Appointment_AspNetUsers_AgentId",
                        column: x => x.AgentId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Appointment_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Appointment_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CollectiveParticipant",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CollectiveSessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollectiveParticipant", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CollectiveParticipant_CollectiveSession_CollectiveSessionId",
                        column: x => x.CollectiveSessionId,
                        principalTable: "CollectiveSession",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CollectiveParticipant_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HouseholdMember",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Dependant = table.Column<bool>(type: "boolean", nullable: false),
                    JoinedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    LeftOn = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HouseholdMember", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HouseholdMember_Household_HouseholdId",
                        column: x => x.HouseholdId,
                        principalTable: "Household",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_HouseholdMember_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Interview",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseholdId = table.Column<Guid>(type: "uuid", nullable: true),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    AppointmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: false),
                    Mode = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Subjects = table.Column<int>(type: "integer", nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Interview", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Interview_AspNetUsers_AgentId",
                        column: x => x.AgentId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Interview_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Interview_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OnlineProcedure",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Organism = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Help = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnlineProcedure", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OnlineProcedure_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OnlineProcedure_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PersonCharge",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    MonthlyAmount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonCharge", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonCharge_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PersonConsent",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    GivenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonConsent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonConsent_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PersonDocument",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Confidential = table.Column<bool>(type: "boolean", nullable: false),
                    UploadedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UploadedById = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonDocument", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonDocument_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PersonIncome",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    MonthlyAmount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonIncome", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonIncome_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "PersonTeam",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonTeam", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonTeam_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PersonTeam_Teams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "Teams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReceptionVisit",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SiteId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReasonId = table.Column<Guid>(type: "uuid", nullable: true),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceptionVisit", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReceptionVisit_AspNetUsers_AgentId",
                        column: x => x.AgentId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ReceptionVisit_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReceptionVisit_ReceptionReason_ReasonId",
                        column: x => x.ReasonId,
                        principalTable: "ReceptionReason",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ReceptionVisit_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlanGoal",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActionPlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanGoal", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanGoal_ActionPlan_ActionPlanId",
                        column: x => x.ActionPlanId,
                        principalTable: "ActionPlan",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AppointmentReminder",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Recipient = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Succeeded = table.Column<bool>(type: "boolean", nullable: false),
                    Error = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppointmentReminder", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppointmentReminder_Appointment_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointment",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FollowUpAction",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    InterviewId = table.Column<Guid>(type: "uuid", nullable: true),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FollowUpAction", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FollowUpAction_Interview_InterviewId",
                        column: x => x.InterviewId,
                        principalTable: "Interview",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_FollowUpAction_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Note",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    InterviewId = table.Column<Guid>(type: "uuid", nullable: true),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Confidentiality = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Sensitive = table.Column<bool>(type: "boolean", nullable: false),
                    Text = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Note", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Note_Interview_InterviewId",
                        column: x => x.InterviewId,
                        principalTable: "Interview",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Note_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Referral",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    PartnerId = table.Column<Guid>(type: "uuid", nullable: false),
                    InterviewId = table.Column<Guid>(type: "uuid", nullable: true),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Referral", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Referral_Interview_InterviewId",
                        column: x => x.InterviewId,
                        principalTable: "Interview",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Referral_Partner_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partner",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Referral_Person_PersonId",
                        column: x => x.PersonId,
                        principalTable: "Person",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DocumentContent",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentContent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DocumentContent_PersonDocument_Id",
                        column: x => x.Id,
                        principalTable: "PersonDocument",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PlanAction",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganisationId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanGoalId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Owner = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Who = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: true),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlanAction", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PlanAction_AspNetUsers_AgentId",
                        column: x => x.AgentId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PlanAction_PlanGoal_PlanGoalId",
                        column: x => x.PlanGoalId,
                        principalTable: "PlanGoal",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlan_HouseholdId",
                table: "ActionPlan",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlan_OrganisationId_PersonId",
                table: "ActionPlan",
                columns: new[] { "OrganisationId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionPlan_PersonId",
                table: "ActionPlan",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Appointment_AgentId",
                table: "Appointment",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_Appointment_OrganisationId_AgentId_Start",
                table: "Appointment",
                columns: new[] { "OrganisationId", "AgentId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointment_OrganisationId_PersonId_Start",
                table: "Appointment",
                columns: new[] { "OrganisationId", "PersonId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointment_OrganisationId_SiteId_Start",
                table: "Appointment",
                columns: new[] { "OrganisationId", "SiteId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointment_OrganisationId_Start_SiteId_Status_PersonId_Age~",
                table: "Appointment",
                columns: new[] { "OrganisationId", "Start", "SiteId", "Status", "PersonId", "AgentId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointment_PersonId",
                table: "Appointment",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Appointment_SiteId",
                table: "Appointment",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentReminder_AppointmentId",
                table: "AppointmentReminder",
                column: "AppointmentId");

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentReminder_OrganisationId_AppointmentId",
                table: "AppointmentReminder",
                columns: new[] { "OrganisationId", "AppointmentId" });

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentReminder_OrganisationId_SentAt",
                table: "AppointmentReminder",
                columns: new[] { "OrganisationId", "SentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveParticipant_CollectiveSessionId",
                table: "CollectiveParticipant",
                column: "CollectiveSessionId");

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveParticipant_OrganisationId_CollectiveSessionId_Pe~",
                table: "CollectiveParticipant",
                columns: new[] { "OrganisationId", "CollectiveSessionId", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveParticipant_OrganisationId_PersonId",
                table: "CollectiveParticipant",
                columns: new[] { "OrganisationId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveParticipant_PersonId",
                table: "CollectiveParticipant",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveSession_FacilitatorId",
                table: "CollectiveSession",
                column: "FacilitatorId");

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveSession_OrganisationId_At",
                table: "CollectiveSession",
                columns: new[] { "OrganisationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CollectiveSession_SiteId",
                table: "CollectiveSession",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpAction_InterviewId",
                table: "FollowUpAction",
                column: "InterviewId");

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpAction_OrganisationId_AssigneeId_Status_DueOn",
                table: "FollowUpAction",
                columns: new[] { "OrganisationId", "AssigneeId", "Status", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpAction_OrganisationId_PersonId",
                table: "FollowUpAction",
                columns: new[] { "OrganisationId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_FollowUpAction_PersonId",
                table: "FollowUpAction",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Household_OrganisationId_Name",
                table: "Household",
                columns: new[] { "OrganisationId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMember_HouseholdId",
                table: "HouseholdMember",
                column: "HouseholdId");

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMember_OrganisationId_HouseholdId",
                table: "HouseholdMember",
                columns: new[] { "OrganisationId", "HouseholdId" });

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMember_OrganisationId_PersonId_JoinedOn",
                table: "HouseholdMember",
                columns: new[] { "OrganisationId", "PersonId", "JoinedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMember_PersonId",
                table: "HouseholdMember",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_HouseholdMembers_Current",
                table: "HouseholdMember",
                columns: new[] { "OrganisationId", "PersonId" },
                unique: true,
                filter: "\"LeftOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Interview_AgentId",
                table: "Interview",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_Interview_OrganisationId_AgentId_At",
                table: "Interview",
                columns: new[] { "OrganisationId", "AgentId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Interview_OrganisationId_At_Mode_SiteId_TeamId_PersonId",
                table: "Interview",
                columns: new[] { "OrganisationId", "At", "Mode", "SiteId", "TeamId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_Interview_OrganisationId_PersonId_At",
                table: "Interview",
                columns: new[] { "OrganisationId", "PersonId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Interview_PersonId",
                table: "Interview",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Interview_SiteId",
                table: "Interview",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_Note_InterviewId",
                table: "Note",
                column: "InterviewId");

            migrationBuilder.CreateIndex(
                name: "IX_Note_OrganisationId_PersonId_CreatedAt",
                table: "Note",
                columns: new[] { "OrganisationId", "PersonId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Note_PersonId",
                table: "Note",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_OnlineProcedure_OrganisationId_At",
                table: "OnlineProcedure",
                columns: new[] { "OrganisationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OnlineProcedure_OrganisationId_PersonId",
                table: "OnlineProcedure",
                columns: new[] { "OrganisationId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_OnlineProcedure_PersonId",
                table: "OnlineProcedure",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_OnlineProcedure_SiteId",
                table: "OnlineProcedure",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_Partner_OrganisationId_Name",
                table: "Partner",
                columns: new[] { "OrganisationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Person_OrganisationId_BirthDate",
                table: "Person",
                columns: new[] { "OrganisationId", "BirthDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Person_OrganisationId_FileNumber",
                table: "Person",
                columns: new[] { "OrganisationId", "FileNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Person_OrganisationId_Phone",
                table: "Person",
                columns: new[] { "OrganisationId", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_Person_OrganisationId_ReferentId",
                table: "Person",
                columns: new[] { "OrganisationId", "ReferentId" });

            migrationBuilder.CreateIndex(
                name: "IX_Person_OrganisationId_SearchName",
                table: "Person",
                columns: new[] { "OrganisationId", "SearchName" });

            migrationBuilder.CreateIndex(
                name: "IX_Person_OrganisationId_Status_LastOperationAt",
                table: "Person",
                columns: new[] { "OrganisationId", "Status", "LastOperationAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Person_ReferentId",
                table: "Person",
                column: "ReferentId");

            migrationBuilder.CreateIndex(
                name: "IX_Person_SiteId",
                table: "Person",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonCharge_OrganisationId_PersonId",
                table: "PersonCharge",
                columns: new[] { "OrganisationId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonCharge_PersonId",
                table: "PersonCharge",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonConsent_OrganisationId_PersonId",
                table: "PersonConsent",
                columns: new[] { "OrganisationId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonConsent_PersonId",
                table: "PersonConsent",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonDocument_OrganisationId_PersonId",
                table: "PersonDocument",
                columns: new[] { "OrganisationId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonDocument_PersonId",
                table: "PersonDocument",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonIncome_OrganisationId_PersonId",
                table: "PersonIncome",
                columns: new[] { "OrganisationId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonIncome_PersonId",
                table: "PersonIncome",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonSearchTerms_Lookup",
                table: "PersonSearchTerms",
                columns: new[] { "OrganisationId", "Term", "Kind", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonSearchTerms_PersonId",
                table: "PersonSearchTerms",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonTeam_OrganisationId_PersonId_TeamId",
                table: "PersonTeam",
                columns: new[] { "OrganisationId", "PersonId", "TeamId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonTeam_OrganisationId_TeamId",
                table: "PersonTeam",
                columns: new[] { "OrganisationId", "TeamId" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonTeam_PersonId",
                table: "PersonTeam",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_PersonTeam_TeamId",
                table: "PersonTeam",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanAction_AgentId",
                table: "PlanAction",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanAction_OrganisationId_PlanGoalId",
                table: "PlanAction",
                columns: new[] { "OrganisationId", "PlanGoalId" });

            migrationBuilder.CreateIndex(
                name: "IX_PlanAction_PlanGoalId",
                table: "PlanAction",
                column: "PlanGoalId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanGoal_ActionPlanId",
                table: "PlanGoal",
                column: "ActionPlanId");

            migrationBuilder.CreateIndex(
                name: "IX_PlanGoal_OrganisationId_ActionPlanId_Position",
                table: "PlanGoal",
                columns: new[] { "OrganisationId", "ActionPlanId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionReason_OrganisationId_Label",
                table: "ReceptionReason",
                columns: new[] { "OrganisationId", "Label" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionVisit_AgentId",
                table: "ReceptionVisit",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionVisit_OrganisationId_At_Channel_ReasonId_SiteId_Ag~",
                table: "ReceptionVisit",
                columns: new[] { "OrganisationId", "At", "Channel", "ReasonId", "SiteId", "AgentId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionVisit_OrganisationId_PersonId",
                table: "ReceptionVisit",
                columns: new[] { "OrganisationId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionVisit_OrganisationId_SiteId_At",
                table: "ReceptionVisit",
                columns: new[] { "OrganisationId", "SiteId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionVisit_PersonId",
                table: "ReceptionVisit",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionVisit_ReasonId",
                table: "ReceptionVisit",
                column: "ReasonId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceptionVisit_SiteId",
                table: "ReceptionVisit",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_Referral_InterviewId",
                table: "Referral",
                column: "InterviewId");

            migrationBuilder.CreateIndex(
                name: "IX_Referral_OrganisationId_On",
                table: "Referral",
                columns: new[] { "OrganisationId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_Referral_OrganisationId_PersonId",
                table: "Referral",
                columns: new[] { "OrganisationId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_Referral_PartnerId",
                table: "Referral",
                column: "PartnerId");

            migrationBuilder.CreateIndex(
                name: "IX_Referral_PersonId",
                table: "Referral",
                column: "PersonId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppointmentReminder");

            migrationBuilder.DropTable(
                name: "CollectiveParticipant");

            migrationBuilder.DropTable(
                name: "DocumentContent");

            migrationBuilder.DropTable(
                name: "FollowUpAction");

            migrationBuilder.DropTable(
                name: "HouseholdMember");

            migrationBuilder.DropTable(
                name: "Note");

            migrationBuilder.DropTable(
                name: "OnlineProcedure");

            migrationBuilder.DropTable(
                name: "PersonCharge");

            migrationBuilder.DropTable(
                name: "PersonConsent");

            migrationBuilder.DropTable(
                name: "PersonIncome");

            migrationBuilder.DropTable(
                name: "PersonSearchTerms");

            migrationBuilder.DropTable(
                name: "PersonTeam");

            migrationBuilder.DropTable(
                name: "PlanAction");

            migrationBuilder.DropTable(
                name: "ReceptionVisit");

            migrationBuilder.DropTable(
                name: "Referral");

            migrationBuilder.DropTable(
                name: "Appointment");

            migrationBuilder.DropTable(
                name: "CollectiveSession");

            migrationBuilder.DropTable(
                name: "PersonDocument");

            migrationBuilder.DropTable(
                name: "PlanGoal");

            migrationBuilder.DropTable(
                name: "ReceptionReason");

            migrationBuilder.DropTable(
                name: "Interview");

            migrationBuilder.DropTable(
                name: "Partner");

            migrationBuilder.DropTable(
                name: "ActionPlan");

            migrationBuilder.DropTable(
                name: "Household");

            migrationBuilder.DropTable(
                name: "Person");
        }
    }
}
