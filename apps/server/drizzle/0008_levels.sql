ALTER TABLE "assessments" ADD COLUMN "approvals" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "cycle_units" ADD COLUMN "levels" jsonb DEFAULT '[]'::jsonb NOT NULL;