CREATE TYPE "public"."sa_benefit" AS ENUM('SUPPORT_24X7', 'E_LEARNING', 'HOME_USE_PROGRAM', 'PLANNING_SERVICES', 'TRAINING_VOUCHERS', 'GLOBAL_SERVICE_MONITOR', 'MULTI_LANGUAGE_PACK', 'THIN_PC', 'DYNAMICS_CUSTOMERSOURCE');--> statement-breakpoint
CREATE TABLE "sa_benefit_rule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"benefit" "sa_benefit" NOT NULL,
	"pools" "license_pool"[] DEFAULT '{}' NOT NULL,
	"product_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"per_license" numeric(12, 4),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sa_benefit_rule_per_license_positive" CHECK ("sa_benefit_rule"."per_license" is null or "sa_benefit_rule"."per_license" > 0)
);
--> statement-breakpoint
CREATE TABLE "sa_benefit_state" (
	"licensing_id" uuid NOT NULL,
	"benefit" "sa_benefit" NOT NULL,
	"activated_at" timestamp with time zone,
	"activated_by" uuid,
	"on_hold" boolean DEFAULT false NOT NULL,
	"hold_changed_at" timestamp with time zone,
	CONSTRAINT "sa_benefit_state_licensing_id_benefit_pk" PRIMARY KEY("licensing_id","benefit")
);
--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "city" text;--> statement-breakpoint
ALTER TABLE "sa_benefit_state" ADD CONSTRAINT "sa_benefit_state_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_benefit_state" ADD CONSTRAINT "sa_benefit_state_activated_by_user_id_fk" FOREIGN KEY ("activated_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;