CREATE TABLE "field_leads" (
	"owner_unit_id" uuid NOT NULL,
	"framework_code" text NOT NULL,
	"field_code" text NOT NULL,
	"lead_unit_id" uuid,
	"coordinating" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "field_leads_owner_unit_id_framework_code_field_code_pk" PRIMARY KEY("owner_unit_id","framework_code","field_code")
);
--> statement-breakpoint
ALTER TABLE "field_leads" ADD CONSTRAINT "field_leads_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_leads" ADD CONSTRAINT "field_leads_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;