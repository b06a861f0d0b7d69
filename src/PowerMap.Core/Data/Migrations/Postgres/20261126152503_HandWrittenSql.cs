using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PowerMap.Core.Data.Migrations.Postgres
{
    /// <summary>
    /// The PostgreSQL side of what EF cannot describe. (1) NetBox's <c>UniqueConstraint(Lower('name'), 'site')</c>:
    /// device names unique per site ignoring case, unnamed devices apart — SQLite's IX_Devices_SiteId_Name_NoCase
    /// (migration DeviceNamesIgnoreCase) as an expression index on <c>lower("Name")</c>. (2) A trigger that NOTIFYs
    /// channel <c>powermap_revision</c> with the new revision on every insert into DataRevisions: delivered at commit,
    /// so other instances hear of a write exactly when it becomes visible.
    /// </summary>
    public partial class HandWrittenSql : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE UNIQUE INDEX "IX_Devices_SiteId_Name_NoCase" ON "Devices" ("SiteId", lower("Name")) WHERE "Name" <> '';
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION powermap_notify_revision() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_notify('powermap_revision', NEW."Id"::text);
                    RETURN NEW;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "TR_DataRevisions_Notify" AFTER INSERT ON "DataRevisions"
                FOR EACH ROW EXECUTE FUNCTION powermap_notify_revision();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "TR_DataRevisions_Notify" ON "DataRevisions";""");
            migrationBuilder.Sql("""DROP FUNCTION IF EXISTS powermap_notify_revision();""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_Devices_SiteId_Name_NoCase";""");
        }
    }
}
