CREATE TABLE "assessment_items" (
	"assessment_id" uuid NOT NULL,
	"code" text NOT NULL,
	"input_text" text DEFAULT '' NOT NULL,
	"input" jsonb,
	"explanation" text DEFAULT '' NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "assessment_items_assessment_id_code_pk" PRIMARY KEY("assessment_id","code")
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cycle_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"status" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"submitted_by" uuid,
	"return_reason" text,
	"appraisal_started_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cycle_stages" (
	"cycle_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"starts_on" date NOT NULL,
	"due_on" date NOT NULL,
	"state" text NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "cycle_stages_cycle_id_stage_pk" PRIMARY KEY("cycle_id","stage")
);
--> statement-breakpoint
CREATE TABLE "cycle_units" (
	"cycle_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "cycle_units_cycle_id_unit_id_pk" PRIMARY KEY("cycle_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "cycles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"framework_id" uuid NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"unit_kinds" jsonb NOT NULL,
	"status" text NOT NULL,
	"decision_number" text,
	"decision_date" date,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "evidence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"number_symbol" text NOT NULL,
	"issued_on" date NOT NULL,
	"issuer" text NOT NULL,
	"summary" text NOT NULL,
	"file_sha256" text NOT NULL,
	"file_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "evidence_links" (
	"assessment_id" uuid NOT NULL,
	"code" text NOT NULL,
	"evidence_id" uuid NOT NULL,
	"locator" text DEFAULT '' NOT NULL,
	CONSTRAINT "evidence_links_assessment_id_code_evidence_id_pk" PRIMARY KEY("assessment_id","code","evidence_id")
);
--> statement-breakpoint
CREATE TABLE "files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"mime" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stage_extensions" (
	"cycle_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"due_on" date NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stage_extensions_cycle_id_stage_unit_id_pk" PRIMARY KEY("cycle_id","stage","unit_id")
);
--> statement-breakpoint
ALTER TABLE "assessment_items" ADD CONSTRAINT "assessment_items_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_stages" ADD CONSTRAINT "cycle_stages_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_units" ADD CONSTRAINT "cycle_units_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_units" ADD CONSTRAINT "cycle_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycles" ADD CONSTRAINT "cycles_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence" ADD CONSTRAINT "evidence_file_sha256_files_sha256_fk" FOREIGN KEY ("file_sha256") REFERENCES "public"."files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_links" ADD CONSTRAINT "evidence_links_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_links" ADD CONSTRAINT "evidence_links_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_extensions" ADD CONSTRAINT "stage_extensions_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stage_extensions" ADD CONSTRAINT "stage_extensions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "assessments_cycle_unit_uq" ON "assessments" USING btree ("cycle_id","unit_id");--> statement-breakpoint
CREATE INDEX "cycle_units_unit_idx" ON "cycle_units" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "evidence_unit_idx" ON "evidence" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "evidence_file_idx" ON "evidence" USING btree ("file_sha256");