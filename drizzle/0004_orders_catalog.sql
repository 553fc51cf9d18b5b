CREATE TYPE "public"."license_pool" AS ENUM('APPLICATIONS', 'SYSTEMS', 'SERVERS');--> statement-breakpoint
CREATE TYPE "public"."license_type" AS ENUM('FULL', 'UPGRADE', 'LSA', 'SA', 'SA_STEP_UP', 'SUBSCRIPTION', 'ONLINE_SERVICE');--> statement-breakpoint
CREATE TYPE "public"."order_source" AS ENUM('API', 'CSV');--> statement-breakpoint
CREATE TABLE "product" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"family_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" text NOT NULL,
	"edition" text DEFAULT '' NOT NULL,
	"pool" "license_pool" NOT NULL,
	"category" text NOT NULL,
	"is_cal" boolean DEFAULT false NOT NULL,
	"requires_key" boolean DEFAULT true NOT NULL,
	"prior_version_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "product_family" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "product_family_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "license_order" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"order_number" text NOT NULL,
	"licensing_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"order_date" date NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"source" "order_source" NOT NULL,
	"content_hash" text NOT NULL,
	"idempotency_key" text,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "license_position" (
	"licensing_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"license_type" "license_type" NOT NULL,
	"is_grant" boolean NOT NULL,
	"quantity" bigint NOT NULL,
	"line_count" integer NOT NULL,
	CONSTRAINT "license_position_licensing_id_product_id_license_type_is_grant_pk" PRIMARY KEY("licensing_id","product_id","license_type","is_grant")
);
--> statement-breakpoint
CREATE TABLE "order_line" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"line_number" integer NOT NULL,
	"licensing_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"license_type" "license_type" NOT NULL,
	"quantity" integer NOT NULL,
	"coverage_start" date NOT NULL,
	"coverage_end" date,
	"counts_from" date NOT NULL,
	"is_grant" boolean DEFAULT false NOT NULL,
	CONSTRAINT "order_line_quantity_positive" CHECK ("order_line"."quantity" > 0),
	CONSTRAINT "order_line_coverage_order" CHECK ("order_line"."coverage_end" is null or "order_line"."coverage_end" >= "order_line"."coverage_start")
);
--> statement-breakpoint
CREATE TABLE "organization_position" (
	"organization_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"license_type" "license_type" NOT NULL,
	"is_grant" boolean NOT NULL,
	"quantity" bigint NOT NULL,
	"line_count" integer NOT NULL,
	CONSTRAINT "organization_position_organization_id_product_id_license_type_is_grant_pk" PRIMARY KEY("organization_id","product_id","license_type","is_grant")
);
--> statement-breakpoint
ALTER TABLE "product" ADD CONSTRAINT "product_family_id_product_family_id_fk" FOREIGN KEY ("family_id") REFERENCES "public"."product_family"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product" ADD CONSTRAINT "product_prior_version_fk" FOREIGN KEY ("prior_version_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_order" ADD CONSTRAINT "license_order_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_order" ADD CONSTRAINT "license_order_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_order" ADD CONSTRAINT "license_order_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_position" ADD CONSTRAINT "license_position_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "license_position" ADD CONSTRAINT "license_position_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line" ADD CONSTRAINT "order_line_order_id_license_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."license_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line" ADD CONSTRAINT "order_line_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_line" ADD CONSTRAINT "order_line_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_position" ADD CONSTRAINT "organization_position_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_position" ADD CONSTRAINT "organization_position_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "product_code_key" ON "product" USING btree ("code");--> statement-breakpoint
CREATE INDEX "product_family_idx" ON "product" USING btree ("family_id");--> statement-breakpoint
CREATE UNIQUE INDEX "license_order_number_key" ON "license_order" USING btree ("order_number");--> statement-breakpoint
CREATE UNIQUE INDEX "license_order_idempotency_key" ON "license_order" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "license_order_licensing_idx" ON "license_order" USING btree ("licensing_id","order_date");--> statement-breakpoint
CREATE UNIQUE INDEX "order_line_number_key" ON "order_line" USING btree ("order_id","line_number");--> statement-breakpoint
CREATE INDEX "order_line_pending_idx" ON "order_line" USING btree ("licensing_id","counts_from","product_id","license_type","is_grant","quantity");--> statement-breakpoint
CREATE INDEX "order_line_coverage_idx" ON "order_line" USING btree ("licensing_id","coverage_end","coverage_start","counts_from","product_id","license_type","is_grant","quantity") WHERE license_type in ('LSA', 'SA', 'SA_STEP_UP', 'SUBSCRIPTION');--> statement-breakpoint
-- license_position is the sum of every order line per Licensing ID, product, license type and grant
-- flag, organization_position the same per organization. The statement that inserts lines keeps
-- both, so no write path (API, CSV import, bulk load) can forget to. Rows are upserted in key
-- order, license_position first, so concurrent orders lock them in the same order.
CREATE FUNCTION license_position_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO license_position AS p (licensing_id, product_id, license_type, is_grant, quantity, line_count)
  SELECT licensing_id, product_id, license_type, is_grant, sum(quantity), count(*)
  FROM new_lines
  GROUP BY licensing_id, product_id, license_type, is_grant
  ORDER BY licensing_id, product_id, license_type, is_grant
  ON CONFLICT (licensing_id, product_id, license_type, is_grant)
  DO UPDATE SET quantity = p.quantity + excluded.quantity, line_count = p.line_count + excluded.line_count;
  INSERT INTO organization_position AS p (organization_id, product_id, license_type, is_grant, quantity, line_count)
  SELECT o.organization_id, n.product_id, n.license_type, n.is_grant, sum(n.quantity), count(*)
  FROM new_lines n JOIN license_order o ON o.id = n.order_id
  GROUP BY o.organization_id, n.product_id, n.license_type, n.is_grant
  ORDER BY o.organization_id, n.product_id, n.license_type, n.is_grant
  ON CONFLICT (organization_id, product_id, license_type, is_grant)
  DO UPDATE SET quantity = p.quantity + excluded.quantity, line_count = p.line_count + excluded.line_count;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER order_line_position AFTER INSERT ON order_line
  REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION license_position_add();
--> statement-breakpoint
-- R-BC-7: a recorded order is evidence and the positions depend on it; a correction is another order.
CREATE FUNCTION order_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: recorded orders are not changed', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER order_line_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON order_line
  FOR EACH STATEMENT EXECUTE FUNCTION order_refuse_change();
--> statement-breakpoint
CREATE TRIGGER license_order_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON license_order
  FOR EACH STATEMENT EXECUTE FUNCTION order_refuse_change();
