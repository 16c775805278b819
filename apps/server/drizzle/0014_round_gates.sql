ALTER TABLE "cycle_stages" ADD COLUMN "opened_by" uuid;--> statement-breakpoint
ALTER TABLE "cycle_stages" ADD CONSTRAINT "cycle_stages_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- publication closes the stages (cycles published before this change too)
UPDATE "cycle_stages" SET "state" = 'closed', "closed_at" = coalesce("closed_at", now())
WHERE "state" <> 'closed' AND "cycle_id" IN (SELECT "id" FROM "cycles" WHERE "status" = 'published');
