using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OpenCcas.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <summary>
    /// Nothing to create: the statistics' age groups live in a temporary table each request creates and drops
    /// (StatisticsQuery), excluded from migrations; this records it in the model snapshot.
    /// </summary>
    public partial class StatisticsAgeGroupsTable : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
