CREATE TABLE "agreement_record" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"program_code" "program_code" NOT NULL,
	"agreement_id" uuid,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"idempotency_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "licensing_id" ADD COLUMN "record_id" uuid;--> statement-breakpoint
ALTER TABLE "agreement_record" ADD CONSTRAINT "agreement_record_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_record" ADD CONSTRAINT "agreement_record_program_code_program_code_fk" FOREIGN KEY ("program_code") REFERENCES "public"."program"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_record" ADD CONSTRAINT "agreement_record_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_record_number_key" ON "agreement_record" USING btree ("number");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_record_idempotency_key" ON "agreement_record" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "agreement_record_org_idx" ON "agreement_record" USING btree ("organization_id");--> statement-breakpoint
ALTER TABLE "licensing_id" ADD CONSTRAINT "licensing_id_record_id_agreement_record_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."agreement_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "licensing_id_record_idx" ON "licensing_id" USING btree ("record_id");