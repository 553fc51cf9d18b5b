CREATE TYPE "public"."account_role" AS ENUM('ACCOUNT_VIEWER', 'REPORT_VIEWER', 'ACCOUNT_MANAGER', 'USER_ADMINISTRATOR', 'AGREEMENT_ADMINISTRATOR', 'ACCOUNT_ADMINISTRATOR');--> statement-breakpoint
CREATE TABLE "purchasing_account" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"address_line1" text NOT NULL,
	"address_line2" text,
	"postal_code" text NOT NULL,
	"city" text NOT NULL,
	"country" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"partner_organization_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "purchasing_account_licensing_id" (
	"purchasing_account_id" uuid NOT NULL,
	"licensing_id" uuid NOT NULL,
	CONSTRAINT "purchasing_account_licensing_id_purchasing_account_id_licensing_id_pk" PRIMARY KEY("purchasing_account_id","licensing_id")
);
--> statement-breakpoint
CREATE TABLE "purchasing_account_role" (
	"purchasing_account_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "account_role" NOT NULL,
	"granted_by" uuid,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "purchasing_account_role_purchasing_account_id_user_id_role_pk" PRIMARY KEY("purchasing_account_id","user_id","role")
);
--> statement-breakpoint
ALTER TABLE "purchasing_account" ADD CONSTRAINT "purchasing_account_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchasing_account" ADD CONSTRAINT "purchasing_account_partner_organization_id_organization_id_fk" FOREIGN KEY ("partner_organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchasing_account_licensing_id" ADD CONSTRAINT "purchasing_account_licensing_id_purchasing_account_id_purchasing_account_id_fk" FOREIGN KEY ("purchasing_account_id") REFERENCES "public"."purchasing_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchasing_account_licensing_id" ADD CONSTRAINT "purchasing_account_licensing_id_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchasing_account_role" ADD CONSTRAINT "purchasing_account_role_purchasing_account_id_purchasing_account_id_fk" FOREIGN KEY ("purchasing_account_id") REFERENCES "public"."purchasing_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchasing_account_role" ADD CONSTRAINT "purchasing_account_role_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "purchasing_account_role" ADD CONSTRAINT "purchasing_account_role_granted_by_user_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "purchasing_account_number_key" ON "purchasing_account" USING btree ("number");--> statement-breakpoint
CREATE INDEX "purchasing_account_org_idx" ON "purchasing_account" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "purchasing_account_partner_idx" ON "purchasing_account" USING btree ("partner_organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "purchasing_account_licensing_id_key" ON "purchasing_account_licensing_id" USING btree ("licensing_id");--> statement-breakpoint
CREATE INDEX "purchasing_account_role_user_idx" ON "purchasing_account_role" USING btree ("user_id");