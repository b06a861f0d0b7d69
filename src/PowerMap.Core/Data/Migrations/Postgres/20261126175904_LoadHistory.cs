using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PowerMap.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LoadHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LoadSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Subject = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ObjectId = table.Column<int>(type: "integer", nullable: false),
                    AllocatedVoltAmps = table.Column<long>(type: "bigint", nullable: false),
                    AvailableVoltAmps = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LoadSamples", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LoadSamples_Day_Subject_ObjectId",
                table: "LoadSamples",
                columns: new[] { "Day", "Subject", "ObjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LoadSamples_Subject_ObjectId_Day",
                table: "LoadSamples",
                columns: new[] { "Subject", "ObjectId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LoadSamples");
        }
    }
}
