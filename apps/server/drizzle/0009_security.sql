CREATE TABLE "login_failures" (
	"username" text NOT NULL,
	"address" text NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "login_failures_username_address_pk" PRIMARY KEY("username","address")
);
--> statement-breakpoint
DROP INDEX "notices_dedupe_uq";--> statement-breakpoint
ALTER TABLE "notices" ALTER COLUMN "unit_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "scored_by" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
-- who scored so far: the last writer of each criterion (earlier writers were not recorded)
UPDATE "assessments" a SET "scored_by" = coalesce((
  SELECT jsonb_agg(DISTINCT i."updated_by") FROM "assessment_items" i
  WHERE i."assessment_id" = a."id" AND i."updated_by" IS NOT NULL), '[]'::jsonb);--> statement-breakpoint
ALTER TABLE "notices" ADD COLUMN "user_id" uuid;--> statement-breakpoint
ALTER TABLE "unit_results" ADD COLUMN "owner_unit_id" uuid;--> statement-breakpoint
-- a cycle's results belong to the cycle's owner; others to the unit's parent (or the unit itself at a root)
UPDATE "unit_results" r SET "owner_unit_id" = coalesce(
  (SELECT c."owner_unit_id" FROM "cycles" c WHERE c."id" = r."cycle_id"),
  (SELECT coalesce(u."parent_id", u."id") FROM "units" u WHERE u."id" = r."unit_id"));--> statement-breakpoint
ALTER TABLE "unit_results" ALTER COLUMN "owner_unit_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_results" ADD COLUMN "rank_group" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_reset_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "password_reset_by_name" text;--> statement-breakpoint
ALTER TABLE "notices" ADD CONSTRAINT "notices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_results" ADD CONSTRAINT "unit_results_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notices_user_idx" ON "notices" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "notices_user_dedupe_uq" ON "notices" USING btree ("user_id","dedupe_key") WHERE "notices"."user_id" is not null;--> statement-breakpoint
CREATE INDEX "unit_results_set_idx" ON "unit_results" USING btree ("owner_unit_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "notices_dedupe_uq" ON "notices" USING btree ("unit_id","dedupe_key") WHERE "notices"."user_id" is null;--> statement-breakpoint
-- ranks within each set (owner, framework code, year, group), as the application now computes them
UPDATE "unit_results" r SET "rank" = x.rk FROM (
  SELECT ur."id", rank() OVER (
    PARTITION BY ur."owner_unit_id", f."code", ur."year", ur."rank_group" ORDER BY ur."index_value" DESC)::int AS rk
  FROM "unit_results" ur JOIN "frameworks" f ON f."id" = ur."framework_id") x
WHERE r."id" = x."id" AND r."rank" IS DISTINCT FROM x.rk;
