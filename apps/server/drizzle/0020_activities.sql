CREATE TABLE "activities" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"planned" boolean DEFAULT false NOT NULL,
	"done" boolean DEFAULT true NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"subject_unit_id" uuid,
	"link" text,
	"coordinating_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"issues_found" integer,
	"issues_resolved" integer,
	"quota" integer,
	"trained" integer,
	"participants" integer,
	"plan_id" uuid,
	"evidence_id" uuid,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "activities_kind_check" CHECK ("kind" in ('inspection', 'news', 'event', 'training', 'initiative', 'dialogue')),
	CONSTRAINT "activities_figures_check" CHECK (coalesce("activities"."issues_resolved", 0) >= 0 and coalesce("activities"."issues_found", 0) >= 0 and coalesce("activities"."quota", 0) >= 0 and coalesce("activities"."trained", 0) >= 0 and coalesce("activities"."participants", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "count_bindings" (
	"cycle_id" uuid NOT NULL,
	"code" text NOT NULL,
	"counter" text NOT NULL,
	"subtree" boolean DEFAULT false NOT NULL,
	"rule" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "count_bindings_cycle_id_code_pk" PRIMARY KEY("cycle_id","code")
);
--> statement-breakpoint
ALTER TABLE "assessment_items" ADD COLUMN "offer_reason" text;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_subject_unit_id_units_id_fk" FOREIGN KEY ("subject_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "count_bindings" ADD CONSTRAINT "count_bindings_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_unit_idx" ON "activities" USING btree ("unit_id","kind","starts_on");