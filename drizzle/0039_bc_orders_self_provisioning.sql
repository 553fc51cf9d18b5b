CREATE TABLE "online_service_price" (
	"product_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"unit_price" numeric(12, 2) NOT NULL,
	"currency" text NOT NULL,
	"set_by" uuid,
	"set_at" timestamp with time zone NOT NULL,
	CONSTRAINT "online_service_price_product_id_effective_from_pk" PRIMARY KEY("product_id","effective_from"),
	CONSTRAINT "online_service_price_positive" CHECK ("online_service_price"."unit_price" >= 0)
);
--> statement-breakpoint
CREATE TABLE "self_provisioning_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"purchasing_account_id" uuid NOT NULL,
	"licensing_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" integer NOT NULL,
	"unit_price" numeric(12, 2) NOT NULL,
	"currency" text NOT NULL,
	"state" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"committed_at" timestamp with time zone NOT NULL,
	"order_id" uuid,
	"ordered_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "self_provisioning_request_quantity_positive" CHECK ("self_provisioning_request"."quantity" > 0)
);
--> statement-breakpoint
ALTER TABLE "license_order" ADD COLUMN "order_type" text DEFAULT 'NEW' NOT NULL;--> statement-breakpoint
ALTER TABLE "license_order" ADD COLUMN "ordering_party" text DEFAULT 'PUBLISHER' NOT NULL;--> statement-breakpoint
ALTER TABLE "license_order" ADD COLUMN "po_number" text;--> statement-breakpoint
ALTER TABLE "license_order" ADD COLUMN "po_status" text DEFAULT 'OPEN' NOT NULL;--> statement-breakpoint
-- R-BC-4: orders recorded before the order history's fields: the first order of a Licensing ID is NEW,
-- later ones ADD_ON; the ordering party is the Licensing ID's partner of record, else the publisher.
-- The content hash is left alone: an order sent again without these fields is still a replay.
-- Recorded orders are append-only (migration 0004): the guard is lifted for this backfill only.
ALTER TABLE "license_order" DISABLE TRIGGER "license_order_append_only";--> statement-breakpoint
UPDATE "license_order" o SET "order_type" = 'ADD_ON'
WHERE EXISTS (SELECT 1 FROM "license_order" e WHERE e."licensing_id" = o."licensing_id"
  AND (e."order_date", e."order_number") < (o."order_date", o."order_number"));--> statement-breakpoint
UPDATE "license_order" o SET "ordering_party" = g."name"
FROM "partner_of_record" r JOIN "organization" g ON g."id" = r."partner_organization_id"
WHERE r."licensing_id" = o."licensing_id";--> statement-breakpoint
ALTER TABLE "license_order" ENABLE TRIGGER "license_order_append_only";--> statement-breakpoint
ALTER TABLE "online_service_price" ADD CONSTRAINT "online_service_price_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "online_service_price" ADD CONSTRAINT "online_service_price_set_by_user_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_provisioning_request" ADD CONSTRAINT "self_provisioning_request_purchasing_account_id_purchasing_account_id_fk" FOREIGN KEY ("purchasing_account_id") REFERENCES "public"."purchasing_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_provisioning_request" ADD CONSTRAINT "self_provisioning_request_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_provisioning_request" ADD CONSTRAINT "self_provisioning_request_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_provisioning_request" ADD CONSTRAINT "self_provisioning_request_requested_by_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_provisioning_request" ADD CONSTRAINT "self_provisioning_request_order_id_license_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."license_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "self_provisioning_request_account_idx" ON "self_provisioning_request" USING btree ("purchasing_account_id","requested_at");--> statement-breakpoint
CREATE INDEX "self_provisioning_request_open_idx" ON "self_provisioning_request" USING btree ("purchasing_account_id","product_id") WHERE state = 'REQUESTED';