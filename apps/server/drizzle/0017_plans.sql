CREATE TABLE "plan_asked_units" (
	"plan_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "plan_asked_units_plan_id_unit_id_pk" PRIMARY KEY("plan_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"number" text NOT NULL,
	"issued_on" date NOT NULL,
	"issuing_unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"period_from" date,
	"period_to" date,
	"budget_line" text,
	"budget_unit_id" uuid,
	"parent_id" uuid,
	"evidence_id" uuid,
	"asked_due_on" date,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plans_kind_check" CHECK ("plans"."kind" in ('ke_hoach', 'chi_thi', 'cong_van', 'quyet_dinh'))
);
--> statement-breakpoint
ALTER TABLE "plan_asked_units" ADD CONSTRAINT "plan_asked_units_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_asked_units" ADD CONSTRAINT "plan_asked_units_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_issuing_unit_id_units_id_fk" FOREIGN KEY ("issuing_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_budget_unit_id_units_id_fk" FOREIGN KEY ("budget_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "plans_unit_number_uq" ON "plans" USING btree ("issuing_unit_id","number");--> statement-breakpoint
CREATE INDEX "plans_parent_idx" ON "plans" USING btree ("parent_id");