CREATE TABLE "report_series" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"receiving_unit_id" uuid,
	"title" text NOT NULL,
	"period_kind" text NOT NULL,
	"due_rule" jsonb NOT NULL,
	"cutoff_rule" jsonb NOT NULL,
	"year_from" integer NOT NULL,
	"year_to" integer NOT NULL,
	"plan_id" uuid,
	"outline" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "body" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "addressees" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "plans" ADD COLUMN "recipients" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "report_requests" ADD COLUMN "series_id" uuid;--> statement-breakpoint
ALTER TABLE "report_requests" ADD COLUMN "period_label" text;--> statement-breakpoint
ALTER TABLE "report_requests" ADD COLUMN "plan_id" uuid;--> statement-breakpoint
ALTER TABLE "report_series" ADD CONSTRAINT "report_series_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_series" ADD CONSTRAINT "report_series_receiving_unit_id_units_id_fk" FOREIGN KEY ("receiving_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_series" ADD CONSTRAINT "report_series_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_requests" ADD CONSTRAINT "report_requests_series_id_report_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."report_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_requests" ADD CONSTRAINT "report_requests_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_requests_series_idx" ON "report_requests" USING btree ("series_id");--> statement-breakpoint
CREATE INDEX "report_requests_plan_idx" ON "report_requests" USING btree ("plan_id");