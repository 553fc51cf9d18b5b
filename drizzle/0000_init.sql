CREATE TYPE "public"."locale" AS ENUM('en', 'sv');--> statement-breakpoint
CREATE TYPE "public"."user_status" AS ENUM('invited', 'active', 'deactivated', 'removed');--> statement-breakpoint
CREATE TYPE "public"."grant_source" AS ENUM('CONTACT', 'ADMIN', 'INHERITED', 'ADD_OPEN', 'RESELLER', 'REQUEST');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('ADMINISTRATOR', 'LICENSING_INFO_VIEWER', 'DOWNLOAD', 'PRODUCT_KEYS', 'SA_MANAGER', 'ONLINE_SERVICES_MANAGER', 'SUBSCRIPTIONS_MANAGER');--> statement-breakpoint
CREATE TYPE "public"."affiliate_role" AS ENUM('LEAD', 'PARTICIPATING');--> statement-breakpoint
CREATE TYPE "public"."agreement_kind" AS ENUM('MBSA', 'PARENT');--> statement-breakpoint
CREATE TYPE "public"."contact_type" AS ENUM('PRIMARY_CONTACT', 'NOTICES_CORRESPONDENT', 'ONLINE_ADMINISTRATOR', 'SA_MANAGER', 'ONLINE_SERVICES_MANAGER', 'SUBSCRIPTIONS_MANAGER', 'CHANNEL_PARTNER');--> statement-breakpoint
CREATE TYPE "public"."licensing_id_kind" AS ENUM('ENROLLMENT', 'AGREEMENT', 'LICENSE', 'PCN');--> statement-breakpoint
CREATE TYPE "public"."lifecycle_status" AS ENUM('ACTIVE', 'INACTIVE', 'EXPIRED');--> statement-breakpoint
CREATE TYPE "public"."program_code" AS ENUM('ENTERPRISE', 'ENTERPRISE_SUBSCRIPTION', 'ENTERPRISE_GOV_PARTNERS', 'SELECT', 'SELECT_PLUS', 'CAMPUS', 'SCHOOL', 'OPEN_LICENSE', 'OPEN_VALUE', 'OPEN_VALUE_SUBSCRIPTION');--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"organization_id" uuid,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text,
	"before" jsonb,
	"after" jsonb,
	"request_id" text
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"to_address" text NOT NULL,
	"template" text NOT NULL,
	"locale" "locale" NOT NULL,
	"subject" text NOT NULL,
	"text" text NOT NULL,
	"html" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "rate_limit" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_token" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_token_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "organization" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"self_sign_up" boolean DEFAULT true NOT NULL,
	"is_publisher" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"email" text NOT NULL,
	"first_name" text DEFAULT '' NOT NULL,
	"last_name" text DEFAULT '' NOT NULL,
	"password_hash" text,
	"locale" "locale" DEFAULT 'en' NOT NULL,
	"status" "user_status" DEFAULT 'active' NOT NULL,
	"is_operator" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "role_grant" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"licensing_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"source" "grant_source" NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" "agreement_kind" NOT NULL,
	"number" text NOT NULL,
	"program_code" "program_code",
	"mbsa_id" uuid,
	"status" "lifecycle_status" DEFAULT 'ACTIVE' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date
);
--> statement-breakpoint
CREATE TABLE "contact" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licensing_id" uuid,
	"agreement_id" uuid,
	"type" "contact_type" NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "licensing_id" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"program_code" "program_code" NOT NULL,
	"parent_agreement_id" uuid,
	"kind" "licensing_id_kind" NOT NULL,
	"number" text NOT NULL,
	"authorization_number" text,
	"name" text NOT NULL,
	"status" "lifecycle_status" DEFAULT 'ACTIVE' NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"price_level" text,
	"affiliate_role" "affiliate_role"
);
--> statement-breakpoint
CREATE TABLE "program" (
	"code" "program_code" PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"has_mbsa" boolean NOT NULL,
	"full_catalog_downloads" boolean NOT NULL,
	"keys_per_pool" boolean NOT NULL,
	"may_reserve" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_token" ADD CONSTRAINT "api_token_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user" ADD CONSTRAINT "user_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_program_code_program_code_fk" FOREIGN KEY ("program_code") REFERENCES "public"."program"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact" ADD CONSTRAINT "contact_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licensing_id" ADD CONSTRAINT "licensing_id_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licensing_id" ADD CONSTRAINT "licensing_id_program_code_program_code_fk" FOREIGN KEY ("program_code") REFERENCES "public"."program"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "licensing_id" ADD CONSTRAINT "licensing_id_parent_agreement_id_agreement_id_fk" FOREIGN KEY ("parent_agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_org_at_idx" ON "audit_log" USING btree ("organization_id","at");--> statement-breakpoint
CREATE INDEX "outbox_pending_idx" ON "outbox" USING btree ("next_attempt_at");--> statement-breakpoint
CREATE INDEX "api_token_user_idx" ON "api_token" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "session_user_idx" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_email_key" ON "user" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "user_org_idx" ON "user" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "role_grant_key" ON "role_grant" USING btree ("user_id","licensing_id","role");--> statement-breakpoint
CREATE INDEX "role_grant_licensing_idx" ON "role_grant" USING btree ("licensing_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_number_key" ON "agreement" USING btree ("kind","number");--> statement-breakpoint
CREATE INDEX "agreement_org_idx" ON "agreement" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "contact_licensing_idx" ON "contact" USING btree ("licensing_id");--> statement-breakpoint
CREATE INDEX "contact_agreement_idx" ON "contact" USING btree ("agreement_id");--> statement-breakpoint
CREATE UNIQUE INDEX "licensing_id_number_key" ON "licensing_id" USING btree ("program_code","number");--> statement-breakpoint
CREATE INDEX "licensing_id_org_idx" ON "licensing_id" USING btree ("organization_id");