CREATE TYPE "public"."deactivation_lift" AS ENUM('REACTIVATED', 'ROLES_ASSIGNED', 'REQUEST_ACCEPTED');--> statement-breakpoint
CREATE TABLE "deactivation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"deactivated_by" uuid,
	"deactivated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_from" "user_status",
	"lifted_at" timestamp with time zone,
	"lifted_by" uuid,
	"lifted_via" "deactivation_lift"
);
--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "redacted_text" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "redacted_html" text;--> statement-breakpoint
-- Mails written before staff copies existed may carry live links: their staff copy shows nothing of them.
UPDATE "outbox" SET
	"redacted_text" = 'Not shown: this mail was written before credentials were withheld from the mail viewer. / Visas inte: e-postmeddelandet skrevs innan behörigheter undanhölls i e-postvisaren.',
	"redacted_html" = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not shown</title></head><body><p>Not shown: this mail was written before credentials were withheld from the mail viewer.</p><p lang="sv">Visas inte: e-postmeddelandet skrevs innan behörigheter undanhölls i e-postvisaren.</p></body></html>';--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "redacted_text" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "redacted_html" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "deactivation" ADD CONSTRAINT "deactivation_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deactivation" ADD CONSTRAINT "deactivation_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deactivation" ADD CONSTRAINT "deactivation_deactivated_by_user_id_fk" FOREIGN KEY ("deactivated_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deactivation" ADD CONSTRAINT "deactivation_lifted_by_user_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deactivation_standing_key" ON "deactivation" USING btree ("organization_id","user_id") WHERE "deactivation"."lifted_at" is null;--> statement-breakpoint
CREATE INDEX "deactivation_user_idx" ON "deactivation" USING btree ("user_id");