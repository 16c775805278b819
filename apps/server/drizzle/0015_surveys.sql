CREATE TABLE "report_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"receiving_unit_id" uuid,
	"kind" text NOT NULL,
	"campaign_id" uuid,
	"title" text NOT NULL,
	"period_from" date,
	"period_to" date,
	"due_on" date NOT NULL,
	"outline" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "report_submissions" (
	"request_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"content" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"sent_at" timestamp with time zone,
	"sent_by" uuid,
	"late" boolean,
	"revision" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "report_submissions_request_id_unit_id_pk" PRIMARY KEY("request_id","unit_id"),
	CONSTRAINT "report_submissions_status_check" CHECK ("status" in ('draft', 'approved', 'sent'))
);
--> statement-breakpoint
CREATE TABLE "survey_ballots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "survey_ballots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"campaign_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"field_code" text NOT NULL,
	"mode" text NOT NULL,
	"ratings" smallint[] NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"serial" text,
	"dossier_no" text,
	"contact_phone" text,
	"submit_token" text,
	"duration_seconds" integer,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"invalid_reason" text,
	"invalidated_at" timestamp with time zone,
	"invalidated_by" uuid,
	"batch_id" uuid,
	"invitation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "survey_ballots_mode_check" CHECK ("mode" in ('qr', 'paper', 'import', 'external', 'agency'))
);
--> statement-breakpoint
CREATE TABLE "survey_batches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"source" text,
	"file_name" text,
	"file_sha256" text,
	"rows" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "survey_bindings" (
	"cycle_id" uuid NOT NULL,
	"code" text NOT NULL,
	"campaign_code" text NOT NULL,
	"indicator" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "survey_bindings_cycle_id_code_pk" PRIMARY KEY("cycle_id","code")
);
--> statement-breakpoint
CREATE TABLE "survey_bodies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"email" text,
	"rates_unit_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_campaigns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"year" integer NOT NULL,
	"form_id" uuid NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"parent_id" uuid,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"status" text NOT NULL,
	"fields" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"deadlines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"settings" jsonb NOT NULL,
	"basis" text,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "survey_campaigns_status_check" CHECK ("status" in ('draft', 'open', 'closed', 'published'))
);
--> statement-breakpoint
CREATE TABLE "survey_external_results" (
	"campaign_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"field_code" text NOT NULL,
	"index_value" numeric(5, 2) NOT NULL,
	"issued" integer,
	"returned" integer,
	"valid" integer,
	"document" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "survey_external_results_campaign_id_unit_id_field_code_pk" PRIMARY KEY("campaign_id","unit_id","field_code")
);
--> statement-breakpoint
CREATE TABLE "survey_forms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"respondent_kind" text NOT NULL,
	"status" text NOT NULL,
	"definition" jsonb NOT NULL,
	"is_example" boolean DEFAULT false NOT NULL,
	"owner_unit_id" uuid,
	"revision" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"retired_at" timestamp with time zone,
	CONSTRAINT "survey_forms_status_check" CHECK ("status" in ('draft', 'published', 'retired')),
	CONSTRAINT "survey_forms_kind_check" CHECK ("respondent_kind" in ('citizen', 'agency', 'official'))
);
--> statement-breakpoint
CREATE TABLE "survey_invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"campaign_id" uuid NOT NULL,
	"body_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"sent_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_postaudit_assignments" (
	"campaign_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "survey_postaudit_assignments_campaign_id_user_id_unit_id_pk" PRIMARY KEY("campaign_id","user_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "survey_postaudit_items" (
	"campaign_id" uuid NOT NULL,
	"ballot_id" bigint NOT NULL,
	"outcome" text,
	"note" text,
	"recorded_at" timestamp with time zone,
	"recorded_by" uuid,
	CONSTRAINT "survey_postaudit_items_campaign_id_ballot_id_pk" PRIMARY KEY("campaign_id","ballot_id"),
	CONSTRAINT "survey_postaudit_items_outcome_check" CHECK ("outcome" is null or "outcome" in ('confirmed', 'denied', 'unreachable', 'differs'))
);
--> statement-breakpoint
CREATE TABLE "survey_postaudits" (
	"campaign_id" uuid PRIMARY KEY NOT NULL,
	"seed" text NOT NULL,
	"share_percent" numeric(5, 2) NOT NULL,
	"min_per_unit" integer NOT NULL,
	"failure_percent" numeric(5, 2) NOT NULL,
	"erase_after_days" integer NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"contacts_erased_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "survey_results" (
	"campaign_id" uuid PRIMARY KEY NOT NULL,
	"results" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_by" uuid
);
--> statement-breakpoint
CREATE TABLE "survey_sanctions" (
	"cycle_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "survey_sanctions_cycle_id_unit_id_pk" PRIMARY KEY("cycle_id","unit_id")
);
--> statement-breakpoint
CREATE TABLE "survey_targets" (
	"campaign_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"field_code" text NOT NULL,
	"transactions" integer,
	"target" integer,
	"target_source" text,
	"link_token" text NOT NULL,
	CONSTRAINT "survey_targets_campaign_id_unit_id_field_code_pk" PRIMARY KEY("campaign_id","unit_id","field_code")
);
--> statement-breakpoint
ALTER TABLE "report_requests" ADD CONSTRAINT "report_requests_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_requests" ADD CONSTRAINT "report_requests_receiving_unit_id_units_id_fk" FOREIGN KEY ("receiving_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_requests" ADD CONSTRAINT "report_requests_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submissions" ADD CONSTRAINT "report_submissions_request_id_report_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."report_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_submissions" ADD CONSTRAINT "report_submissions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_ballots" ADD CONSTRAINT "survey_ballots_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_ballots" ADD CONSTRAINT "survey_ballots_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_batches" ADD CONSTRAINT "survey_batches_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_bindings" ADD CONSTRAINT "survey_bindings_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_bodies" ADD CONSTRAINT "survey_bodies_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_bodies" ADD CONSTRAINT "survey_bodies_rates_unit_id_units_id_fk" FOREIGN KEY ("rates_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_form_id_survey_forms_id_fk" FOREIGN KEY ("form_id") REFERENCES "public"."survey_forms"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_campaigns" ADD CONSTRAINT "survey_campaigns_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_external_results" ADD CONSTRAINT "survey_external_results_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_external_results" ADD CONSTRAINT "survey_external_results_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_forms" ADD CONSTRAINT "survey_forms_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_body_id_survey_bodies_id_fk" FOREIGN KEY ("body_id") REFERENCES "public"."survey_bodies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_invitations" ADD CONSTRAINT "survey_invitations_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_postaudit_assignments" ADD CONSTRAINT "survey_postaudit_assignments_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_postaudit_assignments" ADD CONSTRAINT "survey_postaudit_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_postaudit_assignments" ADD CONSTRAINT "survey_postaudit_assignments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_postaudit_items" ADD CONSTRAINT "survey_postaudit_items_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_postaudits" ADD CONSTRAINT "survey_postaudits_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_results" ADD CONSTRAINT "survey_results_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_sanctions" ADD CONSTRAINT "survey_sanctions_cycle_id_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_sanctions" ADD CONSTRAINT "survey_sanctions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_targets" ADD CONSTRAINT "survey_targets_campaign_id_survey_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."survey_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_targets" ADD CONSTRAINT "survey_targets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_requests_owner_idx" ON "report_requests" USING btree ("owner_unit_id");--> statement-breakpoint
CREATE INDEX "report_requests_campaign_idx" ON "report_requests" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "report_submissions_unit_idx" ON "report_submissions" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "survey_ballots_campaign_idx" ON "survey_ballots" USING btree ("campaign_id","unit_id","field_code");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_ballots_serial_uq" ON "survey_ballots" USING btree ("campaign_id","serial");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_ballots_token_uq" ON "survey_ballots" USING btree ("campaign_id","submit_token");--> statement-breakpoint
CREATE INDEX "survey_ballots_dossier_idx" ON "survey_ballots" USING btree ("campaign_id","dossier_no");--> statement-breakpoint
CREATE INDEX "survey_batches_campaign_idx" ON "survey_batches" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "survey_bodies_owner_idx" ON "survey_bodies" USING btree ("owner_unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_campaigns_owner_code_uq" ON "survey_campaigns" USING btree ("owner_unit_id","code");--> statement-breakpoint
CREATE INDEX "survey_campaigns_parent_idx" ON "survey_campaigns" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_forms_code_version_uq" ON "survey_forms" USING btree ("code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_token_uq" ON "survey_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_invitations_body_uq" ON "survey_invitations" USING btree ("campaign_id","body_id","unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_targets_link_uq" ON "survey_targets" USING btree ("link_token");--> statement-breakpoint
CREATE INDEX "survey_targets_unit_idx" ON "survey_targets" USING btree ("unit_id");