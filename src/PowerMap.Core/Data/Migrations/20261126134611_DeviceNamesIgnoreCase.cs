using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PowerMap.Core.Data.Migrations
{
    /// <summary>
    /// NetBox's <c>UniqueConstraint(Lower('name'), 'site')</c>: device names unique per site ignoring (ASCII) case,
    /// unnamed devices apart. An expression index EF cannot describe, so it has a migration of its own: in the
    /// migration that rebuilds the Devices table (NetBoxCompatibility) the rebuild, which runs last, would drop it.
    /// A later migration that rebuilds Devices must create it again.
    /// </summary>
    public partial class DeviceNamesIgnoreCase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE UNIQUE INDEX "IX_Devices_SiteId_Name_NoCase" ON "Devices" ("SiteId", "Name" COLLATE NOCASE) WHERE "Name" <> '';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Devices_SiteId_Name_NoCase";""");
        }
    }
}
