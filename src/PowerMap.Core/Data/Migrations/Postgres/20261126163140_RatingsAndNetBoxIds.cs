using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PowerMap.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RatingsAndNetBoxIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Devices_NetBoxId",
                table: "Devices");

            migrationBuilder.AddColumn<int>(
                name: "NetBoxId",
                table: "Sites",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetBoxId",
                table: "Racks",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetBoxId",
                table: "PowerPortTemplates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetBoxId",
                table: "PowerPorts",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetBoxId",
                table: "PowerPanels",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatedAmperage",
                table: "PowerPanels",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RatedPhase",
                table: "PowerPanels",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatedVoltage",
                table: "PowerPanels",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetBoxId",
                table: "PowerOutletTemplates",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetBoxId",
                table: "PowerOutlets",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetBoxId",
                table: "PowerFeeds",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetBoxId",
                table: "Locations",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetBoxId",
                table: "Interfaces",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetBoxId",
                table: "DeviceTypes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RatedVoltAmps",
                table: "Devices",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetBoxId",
                table: "Cables",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DeviceRoles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Color = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false, defaultValue: "9e9e9e"),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    NetBoxId = table.Column<int>(type: "integer", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeviceRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Manufacturers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    NetBoxId = table.Column<int>(type: "integer", nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Slug = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Manufacturers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Sites_NetBoxId",
                table: "Sites",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Racks_NetBoxId",
                table: "Racks",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PowerPortTemplates_NetBoxId",
                table: "PowerPortTemplates",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PowerPorts_NetBoxId",
                table: "PowerPorts",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PowerPanels_NetBoxId",
                table: "PowerPanels",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PowerOutletTemplates_NetBoxId",
                table: "PowerOutletTemplates",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PowerOutlets_NetBoxId",
                table: "PowerOutlets",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PowerFeeds_NetBoxId",
                table: "PowerFeeds",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Locations_NetBoxId",
                table: "Locations",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Interfaces_NetBoxId",
                table: "Interfaces",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceTypes_NetBoxId",
                table: "DeviceTypes",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Devices_NetBoxId",
                table: "Devices",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cables_NetBoxId",
                table: "Cables",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceRoles_Name",
                table: "DeviceRoles",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceRoles_NetBoxId",
                table: "DeviceRoles",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceRoles_Slug",
                table: "DeviceRoles",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Manufacturers_Name",
                table: "Manufacturers",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Manufacturers_NetBoxId",
                table: "Manufacturers",
                column: "NetBoxId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Manufacturers_Slug",
                table: "Manufacturers",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeviceRoles");

            migrationBuilder.DropTable(
                name: "Manufacturers");

            migrationBuilder.DropIndex(
                name: "IX_Sites_NetBoxId",
                table: "Sites");

            migrationBuilder.DropIndex(
                name: "IX_Racks_NetBoxId",
                table: "Racks");

            migrationBuilder.DropIndex(
                name: "IX_PowerPortTemplates_NetBoxId",
                table: "PowerPortTemplates");

            migrationBuilder.DropIndex(
                name: "IX_PowerPorts_NetBoxId",
                table: "PowerPorts");

            migrationBuilder.DropIndex(
                name: "IX_PowerPanels_NetBoxId",
                table: "PowerPanels");

            migrationBuilder.DropIndex(
                name: "IX_PowerOutletTemplates_NetBoxId",
                table: "PowerOutletTemplates");

            migrationBuilder.DropIndex(
                name: "IX_PowerOutlets_NetBoxId",
                table: "PowerOutlets");

            migrationBuilder.DropIndex(
                name: "IX_PowerFeeds_NetBoxId",
                table: "PowerFeeds");

            migrationBuilder.DropIndex(
                name: "IX_Locations_NetBoxId",
                table: "Locations");

            migrationBuilder.DropIndex(
                name: "IX_Interfaces_NetBoxId",
                table: "Interfaces");

            migrationBuilder.DropIndex(
                name: "IX_DeviceTypes_NetBoxId",
                table: "DeviceTypes");

            migrationBuilder.DropIndex(
                name: "IX_Devices_NetBoxId",
                table: "Devices");

            migrationBuilder.DropIndex(
                name: "IX_Cables_NetBoxId",
                table: "Cables");

            migrationBuilder.DropColumn(
                name: "NetBoxId",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "NetBoxId",
                table: "Racks");

            migrationBuilder.DropColumn(
                name: "NetBoxId",
                table: "PowerPortTemplates");

            migrationBuilder.DropColumn(
                name: "NetBoxId",
                table: "PowerPorts");

            migrationBuilder.DropColumn(
                name: "NetBoxId",
                table: "PowerPanels");

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
                name: "NetBoxId",
                table: "PowerOutletTemplates");

            migrationBuilder.DropColumn(
                name: "NetBoxId",
                table: "PowerOutlets");

            migrationBuilder.DropColumn(
                name: "NetBoxId",
                table: "PowerFeeds");

            migrationBuilder.DropColumn(
                name: "NetBoxId",
                table: "Locations");

            migrationBuilder.DropColumn(
                name: "NetBoxId",
                table: "Interfaces");

            migrationBuilder.DropColumn(
                name: "NetBoxId",
                table: "DeviceTypes");

            migrationBuilder.DropColumn(
                name: "RatedVoltAmps",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "NetBoxId",
                table: "Cables");

            migrationBuilder.CreateIndex(
                name: "IX_Devices_NetBoxId",
                table: "Devices",
                column: "NetBoxId");
        }
    }
}
