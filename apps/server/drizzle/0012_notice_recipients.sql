-- Notices to people (ADR 0015): one notice per event, one recipient row per person.
CREATE TABLE "notice_recipients" (
	"notice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"unit_id" uuid,
	"read_at" timestamp with time zone,
	CONSTRAINT "notice_recipients_notice_id_user_id_pk" PRIMARY KEY("notice_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "notice_recipients" ADD CONSTRAINT "notice_recipients_notice_id_notices_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_recipients" ADD CONSTRAINT "notice_recipients_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notice_recipients" ADD CONSTRAINT "notice_recipients_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notice_recipients_user_idx" ON "notice_recipients" USING btree ("user_id","read_at");--> statement-breakpoint
-- existing data: a notice addressed to one person keeps that person (and its read mark)
INSERT INTO "notice_recipients" ("notice_id", "user_id", "unit_id", "read_at")
SELECT n."id", n."user_id", n."unit_id", r."read_at"
FROM "notices" n LEFT JOIN "notice_reads" r ON r."notice_id" = n."id" AND r."user_id" = n."user_id"
WHERE n."user_id" IS NOT NULL;--> statement-breakpoint
-- a notice to a unit goes to each holder of an active grant on the unit or above, once per event
-- (the copies one statement made for the units of a cycle share kind, title, body and time); read
-- when the person had read any copy
INSERT INTO "notice_recipients" ("notice_id", "user_id", "unit_id", "read_at")
SELECT DISTINCT ON (x."user_id", x."kind", x."title", x."body", x."created_at")
  x."id", x."user_id", x."unit_id", x."read_at"
FROM (
  SELECT n."id", g."user_id", n."unit_id", n."kind", n."title", n."body", n."created_at", length(u."path") AS depth,
    max(r."read_at") OVER (PARTITION BY g."user_id", n."kind", n."title", n."body", n."created_at") AS "read_at"
  FROM "notices" n
  JOIN "units" u ON u."id" = n."unit_id"
  JOIN "grants" g ON g."revoked_at" IS NULL AND g."unit_id" IS NOT NULL
  JOIN "units" gu ON gu."id" = g."unit_id" AND u."path" LIKE gu."path" || '%'
  JOIN "users" us ON us."id" = g."user_id"
  LEFT JOIN "notice_reads" r ON r."notice_id" = n."id" AND r."user_id" = g."user_id"
  WHERE n."user_id" IS NULL
) x
ORDER BY x."user_id", x."kind", x."title", x."body", x."created_at", x.depth, x."id"
ON CONFLICT DO NOTHING;--> statement-breakpoint
-- dedupe keys now name their unit or person (one index for all notices)
UPDATE "notices" SET "dedupe_key" = "dedupe_key" || ':' || coalesce("user_id"::text, "unit_id"::text, '')
WHERE "dedupe_key" IS NOT NULL;--> statement-breakpoint
DROP TABLE "notice_reads" CASCADE;--> statement-breakpoint
ALTER TABLE "notices" DROP CONSTRAINT "notices_user_id_users_id_fk";
--> statement-breakpoint
DROP INDEX "notices_user_idx";--> statement-breakpoint
DROP INDEX "notices_dedupe_uq";--> statement-breakpoint
DROP INDEX "notices_user_dedupe_uq";--> statement-breakpoint
CREATE UNIQUE INDEX "notices_dedupe_key_uq" ON "notices" USING btree ("dedupe_key");--> statement-breakpoint
ALTER TABLE "notices" DROP COLUMN "user_id";
