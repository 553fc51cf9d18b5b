CREATE TABLE "channel_partner" (
	"organization_id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"notification_email" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "channel_partner_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "partner_of_record" (
	"licensing_id" uuid PRIMARY KEY NOT NULL,
	"partner_organization_id" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organization" ADD COLUMN "is_channel_partner" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "channel_partner" ADD CONSTRAINT "channel_partner_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_of_record" ADD CONSTRAINT "partner_of_record_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_of_record" ADD CONSTRAINT "partner_of_record_partner_organization_id_channel_partner_organization_id_fk" FOREIGN KEY ("partner_organization_id") REFERENCES "public"."channel_partner"("organization_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partner_of_record_partner_idx" ON "partner_of_record" USING btree ("partner_organization_id");