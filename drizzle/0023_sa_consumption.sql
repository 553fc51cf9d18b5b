CREATE TYPE "public"."sa_use_kind" AS ENUM('TRAINING_VOUCHER');--> statement-breakpoint
CREATE TYPE "public"."sa_use_status" AS ENUM('ASSIGNED', 'REDEEMED', 'CANCELLED');--> statement-breakpoint
CREATE TABLE "sa_benefit_use" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licensing_id" uuid NOT NULL,
	"benefit" "sa_benefit" NOT NULL,
	"kind" "sa_use_kind" NOT NULL,
	"quantity" integer NOT NULL,
	"status" "sa_use_status" DEFAULT 'ASSIGNED' NOT NULL,
	"reference" text NOT NULL,
	"holder_name" text NOT NULL,
	"holder_email" text NOT NULL,
	"holder_locale" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "sa_benefit_use_quantity_positive" CHECK ("sa_benefit_use"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "sa_benefit_use" ADD CONSTRAINT "sa_benefit_use_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_benefit_use" ADD CONSTRAINT "sa_benefit_use_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sa_benefit_use_reference_idx" ON "sa_benefit_use" USING btree ("reference");--> statement-breakpoint
CREATE INDEX "sa_benefit_use_benefit_idx" ON "sa_benefit_use" USING btree ("licensing_id","benefit");