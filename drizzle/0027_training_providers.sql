CREATE TABLE "training_provider" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" text NOT NULL,
	"name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_locale" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	CONSTRAINT "training_provider_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "training_provider_credential" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "training_provider_credential_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "sa_benefit_use" ADD COLUMN "redeemed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sa_benefit_use" ADD COLUMN "redeemed_by" uuid;--> statement-breakpoint
ALTER TABLE "training_provider" ADD CONSTRAINT "training_provider_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_provider_credential" ADD CONSTRAINT "training_provider_credential_provider_id_training_provider_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."training_provider"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_provider_credential" ADD CONSTRAINT "training_provider_credential_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "training_provider_credential_live_idx" ON "training_provider_credential" USING btree ("provider_id") WHERE "training_provider_credential"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "training_provider_credential_provider_idx" ON "training_provider_credential" USING btree ("provider_id");--> statement-breakpoint
ALTER TABLE "sa_benefit_use" ADD CONSTRAINT "sa_benefit_use_redeemed_by_training_provider_id_fk" FOREIGN KEY ("redeemed_by") REFERENCES "public"."training_provider"("id") ON DELETE no action ON UPDATE no action;