CREATE TYPE "public"."sales_package_status" AS ENUM('DRAFT', 'SENT', 'SIGNED', 'WITHDRAWN');--> statement-breakpoint
CREATE TABLE "agreement_anniversary" (
	"licensing_id" uuid PRIMARY KEY NOT NULL,
	"month" integer NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "agreement_anniversary_month_check" CHECK ("agreement_anniversary"."month" between 1 and 12)
);
--> statement-breakpoint
CREATE TABLE "sales_package" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "sales_package_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"purchasing_account_id" uuid NOT NULL,
	"partner_organization_id" uuid NOT NULL,
	"title" text NOT NULL,
	"terms" jsonb NOT NULL,
	"status" "sales_package_status" DEFAULT 'DRAFT' NOT NULL,
	"prepared_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"sent_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"document_key" text,
	"document_sha256" text,
	"signed_via" text,
	"signed_at" timestamp with time zone,
	"signer_user_id" uuid,
	"signer_name" text,
	"consent_version" text,
	"signer_ip" text,
	"signer_user_agent" text,
	"signed_document_sha256" text,
	"signed_copy_key" text,
	"signed_copy_sha256" text,
	CONSTRAINT "sales_package_signed_via_check" CHECK ("sales_package"."signed_via" is null or "sales_package"."signed_via" in ('ELECTRONIC', 'PAPER'))
);
--> statement-breakpoint
ALTER TABLE "agreement_anniversary" ADD CONSTRAINT "agreement_anniversary_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_anniversary" ADD CONSTRAINT "agreement_anniversary_updated_by_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_package" ADD CONSTRAINT "sales_package_purchasing_account_id_purchasing_account_id_fk" FOREIGN KEY ("purchasing_account_id") REFERENCES "public"."purchasing_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_package" ADD CONSTRAINT "sales_package_partner_organization_id_organization_id_fk" FOREIGN KEY ("partner_organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_package" ADD CONSTRAINT "sales_package_prepared_by_user_id_fk" FOREIGN KEY ("prepared_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_package" ADD CONSTRAINT "sales_package_signer_user_id_user_id_fk" FOREIGN KEY ("signer_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sales_package_account_idx" ON "sales_package" USING btree ("purchasing_account_id");--> statement-breakpoint
CREATE INDEX "sales_package_partner_idx" ON "sales_package" USING btree ("partner_organization_id");