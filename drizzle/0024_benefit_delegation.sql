CREATE TYPE "public"."benefit_delegation_status" AS ENUM('PENDING', 'APPROVED', 'DENIED', 'WITHDRAWN', 'REMOVED');--> statement-breakpoint
CREATE TABLE "benefit_delegation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"partner_organization_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"status" "benefit_delegation_status" NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "benefit_delegation_licensing_id" (
	"delegation_id" uuid NOT NULL,
	"licensing_id" uuid NOT NULL,
	CONSTRAINT "benefit_delegation_licensing_id_delegation_id_licensing_id_pk" PRIMARY KEY("delegation_id","licensing_id")
);
--> statement-breakpoint
ALTER TABLE "benefit_delegation" ADD CONSTRAINT "benefit_delegation_partner_organization_id_channel_partner_organization_id_fk" FOREIGN KEY ("partner_organization_id") REFERENCES "public"."channel_partner"("organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_delegation" ADD CONSTRAINT "benefit_delegation_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_delegation" ADD CONSTRAINT "benefit_delegation_requested_by_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_delegation" ADD CONSTRAINT "benefit_delegation_changed_by_user_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_delegation_licensing_id" ADD CONSTRAINT "benefit_delegation_licensing_id_delegation_id_benefit_delegation_id_fk" FOREIGN KEY ("delegation_id") REFERENCES "public"."benefit_delegation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "benefit_delegation_licensing_id" ADD CONSTRAINT "benefit_delegation_licensing_id_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "benefit_delegation_partner_idx" ON "benefit_delegation" USING btree ("partner_organization_id","status");--> statement-breakpoint
CREATE INDEX "benefit_delegation_org_idx" ON "benefit_delegation" USING btree ("organization_id","requested_at");--> statement-breakpoint
CREATE INDEX "benefit_delegation_licensing_id_idx" ON "benefit_delegation_licensing_id" USING btree ("licensing_id");