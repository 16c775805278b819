ALTER TABLE "unit_history" ADD COLUMN "abbreviation" text;--> statement-breakpoint
ALTER TABLE "unit_history" ADD COLUMN "place_name" text;--> statement-breakpoint
ALTER TABLE "unit_history" ADD COLUMN "head" jsonb;--> statement-breakpoint
ALTER TABLE "unit_history" ADD COLUMN "deputies" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "unit_history" ADD COLUMN "issuer_lines" jsonb;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "abbreviation" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "place_name" text;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "head" jsonb;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "deputies" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "units" ADD COLUMN "issuer_lines" jsonb;