CREATE TABLE "appraisal_assignments" (
	"cycle_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"field_code" text NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "appraisal_assignments_cycle_id_user_id_field_code_unit_id_pk" PRIMARY KEY("cycle_id","user_id","field_code","unit_id")
);
--> statement-breakpoint
CREATE TABLE "appraisal_items" (
	"assessment_id" uuid NOT NULL,
	"code" text NOT NULL,
	"state" text NOT NULL,
	"input_text" text,
	"input" jsonb,
	"reason" text,
	"supplement_message" text,
	"supplement_due_on" date,
	"answer" text,
	"answered_at" timestamp with time zone,
	"appraiser_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appraisal_items_assessment_id_code_pk" PRIMARY KEY("assessment_id","code")
);
--> statement-breakpoint
CREATE TABLE "cycle_amendments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"cycle_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"decision_number" text NOT NULL,
	"decision_date" date NOT NULL,
	"reason" text NOT NULL,
	"changes" jsonb NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "unit_results" ADD COLUMN "cycle_id" uuid;--> statement-breakpoint
ALTER TABLE "appraisal_assignments" ADD CONSTRAINT "appraisal_assignments_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_assignments" ADD CONSTRAINT "appraisal_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_assignments" ADD CONSTRAINT "appraisal_assignments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal_items" ADD CONSTRAINT "appraisal_items_assessment_id_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."assessments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_amendments" ADD CONSTRAINT "cycle_amendments_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cycle_amendments" ADD CONSTRAINT "cycle_amendments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;