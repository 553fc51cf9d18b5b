CREATE TYPE "public"."activation_method" AS ENUM('INDEPENDENT', 'PROXY', 'REDEMPTION');--> statement-breakpoint
CREATE TYPE "public"."machine_kind" AS ENUM('PHYSICAL', 'VIRTUAL');--> statement-breakpoint
CREATE TYPE "public"."key_request_kind" AS ENUM('MORE_MAK_ACTIVATIONS', 'KMS_EXCEPTION_OPEN', 'MORE_KMS_HOSTS');--> statement-breakpoint
CREATE TYPE "public"."key_request_status" AS ENUM('PENDING', 'APPROVED', 'DENIED');--> statement-breakpoint
CREATE TYPE "public"."product_key_type" AS ENUM('MAK', 'KMS_HOST', 'SETUP', 'OSA');--> statement-breakpoint
CREATE TABLE "activation" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"hostname" text,
	"machine_kind" "machine_kind" NOT NULL,
	"method" "activation_method" NOT NULL,
	"client_address" text,
	"idempotency_key" text,
	"certificate" text NOT NULL,
	"activated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kms_host" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"fingerprint" text NOT NULL,
	"hostname" text,
	"machine_kind" "machine_kind" NOT NULL,
	"host_public_key" text NOT NULL,
	"activations" integer DEFAULT 1 NOT NULL,
	"certificate" text NOT NULL,
	"client_address" text,
	"last_idempotency_key" text,
	"first_activated_at" timestamp with time zone NOT NULL,
	"last_activated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "kms_host_activations_positive" CHECK ("kms_host"."activations" >= 1)
);
--> statement-breakpoint
CREATE TABLE "key_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"licensing_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"kind" "key_request_kind" NOT NULL,
	"agreement_number" text,
	"license_number" text,
	"authorization_number" text,
	"product_name" text NOT NULL,
	"product_version" text NOT NULL,
	"product_edition" text NOT NULL,
	"key_last_five" text NOT NULL,
	"key_id" uuid NOT NULL,
	"activations_wanted" integer NOT NULL,
	"justification" text NOT NULL,
	"status" "key_request_status" DEFAULT 'PENDING' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" uuid,
	"decision_note" text,
	"activations_granted" integer,
	"issued_key_id" uuid,
	CONSTRAINT "key_request_activations_positive" CHECK ("key_request"."activations_wanted" > 0)
);
--> statement-breakpoint
CREATE TABLE "product_key" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"licensing_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"type" "product_key_type" NOT NULL,
	"key_hash" text NOT NULL,
	"key_ciphertext" text NOT NULL,
	"last_five" text NOT NULL,
	"activation_limit" integer NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	"source_order_line_id" bigint,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	CONSTRAINT "product_key_used_within_limit" CHECK ("product_key"."used" >= 0 and "product_key"."used" <= "product_key"."activation_limit")
);
--> statement-breakpoint
ALTER TABLE "activation" ADD CONSTRAINT "activation_key_id_product_key_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."product_key"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activation" ADD CONSTRAINT "activation_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kms_host" ADD CONSTRAINT "kms_host_key_id_product_key_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."product_key"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kms_host" ADD CONSTRAINT "kms_host_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_request" ADD CONSTRAINT "key_request_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_request" ADD CONSTRAINT "key_request_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_request" ADD CONSTRAINT "key_request_requested_by_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_request" ADD CONSTRAINT "key_request_key_id_product_key_id_fk" FOREIGN KEY ("key_id") REFERENCES "public"."product_key"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_request" ADD CONSTRAINT "key_request_decided_by_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_request" ADD CONSTRAINT "key_request_issued_key_id_product_key_id_fk" FOREIGN KEY ("issued_key_id") REFERENCES "public"."product_key"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_key" ADD CONSTRAINT "product_key_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_key" ADD CONSTRAINT "product_key_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_key" ADD CONSTRAINT "product_key_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_key" ADD CONSTRAINT "product_key_source_order_line_id_order_line_id_fk" FOREIGN KEY ("source_order_line_id") REFERENCES "public"."order_line"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_key" ADD CONSTRAINT "product_key_issued_by_user_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activation_key_machine_key" ON "activation" USING btree ("key_id","fingerprint");--> statement-breakpoint
CREATE UNIQUE INDEX "activation_idempotency_key" ON "activation" USING btree ("key_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "activation_key_time_idx" ON "activation" USING btree ("key_id","activated_at");--> statement-breakpoint
CREATE UNIQUE INDEX "kms_host_key_machine_key" ON "kms_host" USING btree ("key_id","fingerprint");--> statement-breakpoint
CREATE INDEX "key_request_queue_idx" ON "key_request" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "key_request_licensing_idx" ON "key_request" USING btree ("licensing_id");--> statement-breakpoint
CREATE UNIQUE INDEX "product_key_hash_key" ON "product_key" USING btree ("key_hash");--> statement-breakpoint
CREATE INDEX "product_key_licensing_idx" ON "product_key" USING btree ("licensing_id");--> statement-breakpoint
CREATE INDEX "product_key_org_idx" ON "product_key" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "product_key_product_type_key" ON "product_key" USING btree ("licensing_id","product_id","type") WHERE "product_key"."source_order_line_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "product_key_order_line_key" ON "product_key" USING btree ("source_order_line_id");