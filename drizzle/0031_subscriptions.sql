CREATE TYPE "public"."subscription_end_reason" AS ENUM('REASSIGNED', 'REMOVED');--> statement-breakpoint
CREATE TABLE "subscription_assignment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licensing_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"holder_name" text NOT NULL,
	"holder_email" text NOT NULL,
	"holder_locale" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	"assigned_by" uuid,
	"ended_at" timestamp with time zone,
	"end_reason" "subscription_end_reason",
	"replaced_by" uuid,
	CONSTRAINT "subscription_assignment_end_reason" CHECK (("subscription_assignment"."ended_at" is null) = ("subscription_assignment"."end_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "subscription_count" (
	"licensing_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"assigned" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "subscription_count_licensing_id_product_id_pk" PRIMARY KEY("licensing_id","product_id"),
	CONSTRAINT "subscription_count_assigned_not_negative" CHECK ("subscription_count"."assigned" >= 0)
);
--> statement-breakpoint
ALTER TABLE "subscription_assignment" ADD CONSTRAINT "subscription_assignment_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_assignment" ADD CONSTRAINT "subscription_assignment_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_assignment" ADD CONSTRAINT "subscription_assignment_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_assignment" ADD CONSTRAINT "subscription_assignment_assigned_by_user_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_count" ADD CONSTRAINT "subscription_count_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_count" ADD CONSTRAINT "subscription_count_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "subscription_assignment_holder_key" ON "subscription_assignment" USING btree ("licensing_id","product_id","holder_email") WHERE "subscription_assignment"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "subscription_assignment_list_idx" ON "subscription_assignment" USING btree ("licensing_id","product_id","holder_name","id") WHERE "subscription_assignment"."ended_at" is null;