CREATE TABLE "rank_groups" (
	"owner_unit_id" uuid NOT NULL,
	"framework_code" text NOT NULL,
	"year" integer NOT NULL,
	"groups" jsonb NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "rank_groups_owner_unit_id_framework_code_year_pk" PRIMARY KEY("owner_unit_id","framework_code","year")
);
--> statement-breakpoint
ALTER TABLE "rank_groups" ADD CONSTRAINT "rank_groups_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;