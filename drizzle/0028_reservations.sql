CREATE TYPE "public"."reservation_action" AS ENUM('ADD_LICENSE', 'STEP_UP_LICENSE');--> statement-breakpoint
CREATE TYPE "public"."reservation_category" AS ENUM('STANDARD', 'LICENSE_RESERVATION_ONLY', 'NOT_CONFIGURED');--> statement-breakpoint
CREATE TABLE "reservation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licensing_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"action" "reservation_action" NOT NULL,
	"quantity" integer NOT NULL,
	"usage_date" date NOT NULL,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"cancelled_by" uuid,
	"cancelled_at" timestamp with time zone,
	CONSTRAINT "reservation_quantity_positive" CHECK ("reservation"."quantity" > 0)
);
--> statement-breakpoint
CREATE TABLE "reservation_offer" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"category" "reservation_category" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reservation_price_lock" (
	"licensing_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	CONSTRAINT "reservation_price_lock_licensing_id_product_id_pk" PRIMARY KEY("licensing_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "reservation_total" (
	"licensing_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"action" "reservation_action" NOT NULL,
	"quantity" bigint NOT NULL,
	CONSTRAINT "reservation_total_licensing_id_product_id_action_pk" PRIMARY KEY("licensing_id","product_id","action"),
	CONSTRAINT "reservation_total_not_negative" CHECK ("reservation_total"."quantity" >= 0)
);
--> statement-breakpoint
ALTER TABLE "agreement" ADD COLUMN "updated_ea_amendment" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "reservation" ADD CONSTRAINT "reservation_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation" ADD CONSTRAINT "reservation_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation" ADD CONSTRAINT "reservation_submitted_by_user_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation" ADD CONSTRAINT "reservation_cancelled_by_user_id_fk" FOREIGN KEY ("cancelled_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_offer" ADD CONSTRAINT "reservation_offer_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_price_lock" ADD CONSTRAINT "reservation_price_lock_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_price_lock" ADD CONSTRAINT "reservation_price_lock_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_total" ADD CONSTRAINT "reservation_total_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reservation_total" ADD CONSTRAINT "reservation_total_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reservation_licensing_idx" ON "reservation" USING btree ("licensing_id","submitted_at");