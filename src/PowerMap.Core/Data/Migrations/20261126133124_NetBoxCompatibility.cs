using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PowerMap.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class NetBoxCompatibility : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Racks_SiteId_Name",
                table: "Racks");

            migrationBuilder.DropIndex(
                name: "IX_DeviceTypes_Model",
                table: "DeviceTypes");

            migrationBuilder.DropIndex(
                name: "IX_Devices_SiteId_Name",
                table: "Devices");

            migrationBuilder.AddColumn<string>(
                name: "Slug",
                table: "Sites",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            // Existing sites get a slug from their name: NetBox's slugify for ASCII names (punctuation dropped, spaces
            // to hyphens, lower case); one that comes out empty or taken gets its id appended.
            migrationBuilder.Sql("""
                UPDATE "Sites" SET "Slug" = lower(trim(replace(replace(replace(replace(replace(replace(replace(replace(replace(
                    trim("Name"), '.', ''), ',', ''), '/', ''), '(', ''), ')', ''), '''', ''), '&', ''), '  ', ' '), ' ', '-'), '-'));
                UPDATE "Sites" SET "Slug" = trim("Slug" || '-' || "Id", '-')
                    WHERE "Slug" = '' OR "Slug" IN (SELECT "Slug" FROM "Sites" GROUP BY "Slug" HAVING count(*) > 1);
                """);

            migrationBuilder.AddColumn<int>(
                name: "LocationId",
                table: "Devices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "NetBoxId",
                table: "Devices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Sites_Slug",
                table: "Sites",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Racks_SiteId_LocationId_Name",
                table: "Racks",
                columns: new[] { "SiteId", "LocationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Racks_SiteId_Name",
                table: "Racks",
                columns: new[] { "SiteId", "Name" },
                unique: true,
                filter: "\"LocationId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DeviceTypes_Manufacturer_Model",
                table: "DeviceTypes",
                columns: new[] { "Manufacturer", "Model" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Devices_LocationId",
                table: "Devices",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_Devices_NetBoxId",
                table: "Devices",
                column: "NetBoxId");

            migrationBuilder.CreateIndex(
                name: "IX_Devices_SiteId_Name",
                table: "Devices",
                columns: new[] { "SiteId", "Name" },
                unique: true,
                filter: "\"Name\" <> ''");

            migrationBuilder.AddForeignKey(
                name: "FK_Devices_Locations_LocationId",
                table: "Devices",
                column: "LocationId",
                principalTable: "Locations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Devices_Locations_LocationId",
                table: "Devices");

            migrationBuilder.DropIndex(
                name: "IX_Sites_Slug",
                table: "Sites");

            migrationBuilder.DropIndex(
                name: "IX_Racks_SiteId_LocationId_Name",
                table: "Racks");

            migrationBuilder.DropIndex(
                name: "IX_Racks_SiteId_Name",
                table: "Racks");

            migrationBuilder.DropIndex(
                name: "IX_DeviceTypes_Manufacturer_Model",
                table: "DeviceTypes");

            migrationBuilder.DropIndex(
                name: "IX_Devices_LocationId",
                table: "Devices");

            migrationBuilder.DropIndex(
                name: "IX_Devices_NetBoxId",
                table: "Devices");

            migrationBuilder.DropIndex(
                name: "IX_Devices_SiteId_Name",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "Slug",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "LocationId",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "NetBoxId",
                table: "Devices");

            migrationBuilder.CreateIndex(
                name: "IX_Racks_SiteId_Name",
                table: "Racks",
                columns: new[] { "SiteId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeviceTypes_Model",
                table: "DeviceTypes",
                column: "Model",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Devices_SiteId_Name",
                table: "Devices",
                columns: new[] { "SiteId", "Name" },
                unique: true);
        }
    }
}
