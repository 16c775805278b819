CREATE TABLE "result_inputs" (
	"result_id" uuid NOT NULL,
	"code" text NOT NULL,
	"input" jsonb NOT NULL,
	CONSTRAINT "result_inputs_result_id_code_pk" PRIMARY KEY("result_id","code")
);
--> statement-breakpoint
CREATE TABLE "unit_results" (
	"id" uuid PRIMARY KEY NOT NULL,
	"framework_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"unit_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"source" text NOT NULL,
	"total" numeric(9, 2) NOT NULL,
	"applicable_max" numeric(9, 2) NOT NULL,
	"index_value" numeric(7, 2) NOT NULL,
	"band_code" text,
	"band_label" text,
	"rank" integer,
	"fields" jsonb NOT NULL,
	"missing" integer DEFAULT 0 NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
ALTER TABLE "frameworks" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "result_inputs" ADD CONSTRAINT "result_inputs_result_id_unit_results_id_fk" FOREIGN KEY ("result_id") REFERENCES "public"."unit_results"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_results" ADD CONSTRAINT "unit_results_framework_id_frameworks_id_fk" FOREIGN KEY ("framework_id") REFERENCES "public"."frameworks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_results" ADD CONSTRAINT "unit_results_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "unit_results_fw_year_unit_uq" ON "unit_results" USING btree ("framework_id","year","unit_id");--> statement-breakpoint
CREATE INDEX "unit_results_unit_idx" ON "unit_results" USING btree ("unit_id","year");