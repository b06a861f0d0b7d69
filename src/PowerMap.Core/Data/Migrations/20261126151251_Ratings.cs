using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PowerMap.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Ratings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RatedAmperage",
                table: "PowerPanels",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RatedPhase",
                table: "PowerPanels",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatedVoltage",
                table: "PowerPanels",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatedVoltAmps",
                table: "Devices",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RatedAmperage",
                table: "PowerPanels");

            migrationBuilder.DropColumn(
                name: "RatedPhase",
                table: "PowerPanels");

            migrationBuilder.DropColumn(
                name: "RatedVoltage",
                table: "PowerPanels");

            migrationBuilder.DropColumn(
                name: "RatedVoltAmps",
                table: "Devices");
        }
    }
}
