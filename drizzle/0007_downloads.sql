CREATE TYPE "public"."download_format" AS ENUM('EXE', 'ISO', 'ZIP', 'MSI');--> statement-breakpoint
CREATE TYPE "public"."download_method" AS ENUM('BROWSER', 'MANAGER');--> statement-breakpoint
CREATE TABLE "download_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"file_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"method" "download_method" NOT NULL,
	"status" integer NOT NULL,
	"range" text,
	"bytes" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "download_file" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"product_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"language" text NOT NULL,
	"os" text NOT NULL,
	"architecture" text NOT NULL,
	"format" "download_format" NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"blob_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "download_file_size_positive" CHECK ("download_file"."size" > 0)
);
--> statement-breakpoint
CREATE TABLE "download_info" (
	"product_id" uuid PRIMARY KEY NOT NULL,
	"version_notes" text,
	"special_instructions" text,
	"system_requirements" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "download_settings" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"method" "download_method" DEFAULT 'BROWSER' NOT NULL,
	"language" text NOT NULL,
	"os" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "download_event" ADD CONSTRAINT "download_event_file_id_download_file_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."download_file"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_event" ADD CONSTRAINT "download_event_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_event" ADD CONSTRAINT "download_event_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_file" ADD CONSTRAINT "download_file_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_file" ADD CONSTRAINT "download_file_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_info" ADD CONSTRAINT "download_info_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_info" ADD CONSTRAINT "download_info_updated_by_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "download_settings" ADD CONSTRAINT "download_settings_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "download_event_file_idx" ON "download_event" USING btree ("file_id","at");--> statement-breakpoint
CREATE INDEX "download_event_user_idx" ON "download_event" USING btree ("user_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "download_file_blob_key" ON "download_file" USING btree ("blob_key");--> statement-breakpoint
CREATE UNIQUE INDEX "download_file_name_key" ON "download_file" USING btree ("product_id","language","os","architecture","file_name") WHERE "download_file"."deleted_at" is null;--> statement-breakpoint
CREATE INDEX "download_file_product_idx" ON "download_file" USING btree ("product_id","language","os") WHERE "download_file"."deleted_at" is null;