CREATE TYPE "public"."partner_change_decision" AS ENUM('ACCEPTED', 'DECLINED');--> statement-breakpoint
CREATE TABLE "partner_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"new_partner_organization_id" uuid NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"respond_by" timestamp with time zone NOT NULL,
	"decision" "partner_change_decision",
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"effective_at" timestamp with time zone,
	"canceled_by" uuid,
	"canceled_at" timestamp with time zone,
	"expiry_noted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "partner_change_line" (
	"change_id" uuid NOT NULL,
	"licensing_id" uuid NOT NULL,
	"old_partner_organization_id" uuid,
	"open" boolean DEFAULT true NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "partner_change_line_change_id_licensing_id_pk" PRIMARY KEY("change_id","licensing_id")
);
--> statement-breakpoint
ALTER TABLE "partner_change" ADD CONSTRAINT "partner_change_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_change" ADD CONSTRAINT "partner_change_new_partner_organization_id_channel_partner_organization_id_fk" FOREIGN KEY ("new_partner_organization_id") REFERENCES "public"."channel_partner"("organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_change" ADD CONSTRAINT "partner_change_requested_by_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_change" ADD CONSTRAINT "partner_change_decided_by_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_change" ADD CONSTRAINT "partner_change_canceled_by_user_id_fk" FOREIGN KEY ("canceled_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_change_line" ADD CONSTRAINT "partner_change_line_change_id_partner_change_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."partner_change"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_change_line" ADD CONSTRAINT "partner_change_line_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_change_line" ADD CONSTRAINT "partner_change_line_old_partner_organization_id_channel_partner_organization_id_fk" FOREIGN KEY ("old_partner_organization_id") REFERENCES "public"."channel_partner"("organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_change_org_idx" ON "partner_change" USING btree ("organization_id","requested_at");--> statement-breakpoint
CREATE INDEX "partner_change_partner_idx" ON "partner_change" USING btree ("new_partner_organization_id","requested_at");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_change_line_open_key" ON "partner_change_line" USING btree ("licensing_id") WHERE "partner_change_line"."open";