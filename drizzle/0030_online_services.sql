CREATE TABLE "service_account" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"organization_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_account_admin" (
	"account_id" uuid NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "service_account_admin_account_id_email_pk" PRIMARY KEY("account_id","email")
);
--> statement-breakpoint
CREATE TABLE "service_account_domain" (
	"account_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"verified_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_activation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licensing_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"purchase_date" date NOT NULL,
	"usage_date" date NOT NULL,
	"status" text NOT NULL,
	"recipient_name" text,
	"recipient_email" text,
	"mailed_at" timestamp with time zone,
	"mail_count" integer DEFAULT 0 NOT NULL,
	"token_hash" text,
	"osa_key_hash" text,
	"osa_key_used_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_add_on" (
	"add_on_product_id" uuid PRIMARY KEY NOT NULL,
	"base_product_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_enrollment" (
	"licensing_id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"how" text NOT NULL,
	"status" text NOT NULL,
	"linked_at" timestamp with time zone NOT NULL,
	"linked_by" uuid,
	"confirmed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "service_subscription" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"licensing_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"status" text NOT NULL,
	"grace_ends_on" date,
	"created_at" timestamp with time zone NOT NULL,
	"deprovisioned_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "service_account" ADD CONSTRAINT "service_account_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_account_admin" ADD CONSTRAINT "service_account_admin_account_id_service_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."service_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_account_domain" ADD CONSTRAINT "service_account_domain_account_id_service_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."service_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_activation" ADD CONSTRAINT "service_activation_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_activation" ADD CONSTRAINT "service_activation_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_activation" ADD CONSTRAINT "service_activation_order_id_license_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."license_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_add_on" ADD CONSTRAINT "service_add_on_add_on_product_id_product_id_fk" FOREIGN KEY ("add_on_product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_add_on" ADD CONSTRAINT "service_add_on_base_product_id_product_id_fk" FOREIGN KEY ("base_product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_enrollment" ADD CONSTRAINT "service_enrollment_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_enrollment" ADD CONSTRAINT "service_enrollment_account_id_service_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."service_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_enrollment" ADD CONSTRAINT "service_enrollment_linked_by_user_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_subscription" ADD CONSTRAINT "service_subscription_account_id_service_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."service_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_subscription" ADD CONSTRAINT "service_subscription_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_subscription" ADD CONSTRAINT "service_subscription_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_account_org_idx" ON "service_account" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "service_account_admin_email_idx" ON "service_account_admin" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "service_account_domain_key" ON "service_account_domain" USING btree ("domain");--> statement-breakpoint
CREATE INDEX "service_account_domain_account_idx" ON "service_account_domain" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_activation_service_key" ON "service_activation" USING btree ("licensing_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_activation_token_key" ON "service_activation" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "service_activation_osa_key" ON "service_activation" USING btree ("osa_key_hash");--> statement-breakpoint
CREATE INDEX "service_activation_scheduled_idx" ON "service_activation" USING btree ("usage_date") WHERE "service_activation"."status" = 'SCHEDULED';--> statement-breakpoint
CREATE INDEX "service_enrollment_account_idx" ON "service_enrollment" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_subscription_key" ON "service_subscription" USING btree ("licensing_id","product_id");--> statement-breakpoint
CREATE INDEX "service_subscription_account_idx" ON "service_subscription" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "service_subscription_grace_idx" ON "service_subscription" USING btree ("grace_ends_on") WHERE "service_subscription"."status" = 'IN_GRACE';