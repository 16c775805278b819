CREATE TABLE "plan_task_coordinators" (
	"task_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	CONSTRAINT "plan_task_coordinators_task_id_unit_id_pk" PRIMARY KEY("task_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "plan_task_instances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"task_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"declared_on" date,
	"declared_at" timestamp with time zone,
	"declared_by" uuid,
	"declared_note" text,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"returned_at" timestamp with time zone,
	"returned_by" uuid,
	"return_reason" text,
	"revision" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "plan_task_instances_accept_check" CHECK ("plan_task_instances"."accepted_at" is null or "plan_task_instances"."declared_on" is not null)
);
--> statement-breakpoint
CREATE TABLE "plan_task_progress" (
	"id" uuid PRIMARY KEY NOT NULL,
	"instance_id" uuid NOT NULL,
	"reported_on" date NOT NULL,
	"value" numeric(18, 4),
	"note" text NOT NULL,
	"evidence_id" uuid,
	"created_by" uuid,
	"created_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_tasks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"section" text,
	"content" text NOT NULL,
	"lead_unit_id" uuid,
	"lead_group" text,
	"coordinating_text" text,
	"due_on" date,
	"recurrence" text,
	"target_metric" text,
	"target_comparator" text,
	"target_value" numeric(18, 4),
	"target_value_to" numeric(18, 4),
	"target_unit" text,
	"receiving_unit_id" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_tasks_recurrence_check" CHECK ("plan_tasks"."recurrence" is null or "recurrence" in ('regular', 'monthly', 'quarterly', 'half_year', 'yearly')),
	CONSTRAINT "plan_tasks_due_or_recurrence_check" CHECK (("plan_tasks"."due_on" is null) <> ("plan_tasks"."recurrence" is null)),
	CONSTRAINT "plan_tasks_comparator_check" CHECK ("plan_tasks"."target_comparator" is null or "target_comparator" in ('gte', 'gt', 'eq', 'lte', 'lt', 'range')),
	CONSTRAINT "plan_tasks_target_check" CHECK (("plan_tasks"."target_comparator" is null) = ("plan_tasks"."target_value" is null))
);
--> statement-breakpoint
ALTER TABLE "plan_task_coordinators" ADD CONSTRAINT "plan_task_coordinators_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_coordinators" ADD CONSTRAINT "plan_task_coordinators_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_instances" ADD CONSTRAINT "plan_task_instances_task_id_plan_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."plan_tasks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_instances" ADD CONSTRAINT "plan_task_instances_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_progress" ADD CONSTRAINT "plan_task_progress_instance_id_plan_task_instances_id_fk" FOREIGN KEY ("instance_id") REFERENCES "public"."plan_task_instances"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_task_progress" ADD CONSTRAINT "plan_task_progress_evidence_id_evidence_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_lead_unit_id_units_id_fk" FOREIGN KEY ("lead_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_tasks" ADD CONSTRAINT "plan_tasks_receiving_unit_id_units_id_fk" FOREIGN KEY ("receiving_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_task_coordinators_unit_idx" ON "plan_task_coordinators" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_task_instances_task_unit_uq" ON "plan_task_instances" USING btree ("task_id","unit_id");--> statement-breakpoint
CREATE INDEX "plan_task_instances_unit_idx" ON "plan_task_instances" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "plan_task_progress_instance_idx" ON "plan_task_progress" USING btree ("instance_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_tasks_plan_ordinal_uq" ON "plan_tasks" USING btree ("plan_id","ordinal");