CREATE TYPE "public"."support_author" AS ENUM('REQUESTER', 'PUBLISHER');--> statement-breakpoint
CREATE TYPE "public"."support_status" AS ENUM('NEW', 'ANSWERED', 'WAITING_FOR_CUSTOMER', 'CUSTOMER_REPLIED', 'CLOSED');--> statement-breakpoint
CREATE TYPE "public"."support_topic" AS ENUM('SIGN_IN', 'PERMISSIONS', 'LICENSING_INFO', 'DOWNLOADS', 'PRODUCT_KEYS', 'ACTIVATION', 'SOFTWARE_ASSURANCE', 'WINDOWS_UPGRADE_IMAGING', 'OTHER');--> statement-breakpoint
CREATE TABLE "support_attachment" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"blob_key" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"author" "support_author" NOT NULL,
	"author_user_id" uuid NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"licensing_id" uuid,
	"topic" "support_topic" NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"status" "support_status" DEFAULT 'NEW' NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"awaiting_since" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by" uuid,
	"imaging_verified_by" uuid,
	"imaging_verified_at" timestamp with time zone,
	"imaging_machines" integer,
	CONSTRAINT "support_request_imaging_verified" CHECK ("support_request"."topic" <> 'WINDOWS_UPGRADE_IMAGING' or ("support_request"."imaging_verified_by" is not null and "support_request"."imaging_verified_at" is not null and "support_request"."imaging_machines" > 0))
);
--> statement-breakpoint
ALTER TABLE "support_attachment" ADD CONSTRAINT "support_attachment_request_id_support_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."support_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_message" ADD CONSTRAINT "support_message_request_id_support_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."support_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_message" ADD CONSTRAINT "support_message_author_user_id_user_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_requested_by_user_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_closed_by_user_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_request" ADD CONSTRAINT "support_request_imaging_verified_by_user_id_fk" FOREIGN KEY ("imaging_verified_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "support_attachment_request_idx" ON "support_attachment" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "support_message_request_idx" ON "support_message" USING btree ("request_id","created_at");--> statement-breakpoint
CREATE INDEX "support_request_queue_idx" ON "support_request" USING btree ("status","awaiting_since");--> statement-breakpoint
CREATE INDEX "support_request_requester_idx" ON "support_request" USING btree ("requested_by","submitted_at");--> statement-breakpoint
CREATE INDEX "support_request_org_idx" ON "support_request" USING btree ("organization_id");