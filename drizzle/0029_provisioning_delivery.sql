CREATE TABLE "provisioning_delivery" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"state" text DEFAULT 'PENDING' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"queued_at" timestamp with time zone NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"lease" uuid,
	"last_attempt_at" timestamp with time zone,
	"last_outcome" text,
	"delivered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "provisioning_delivery_attempt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"outcome" text NOT NULL,
	"status_code" integer,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "provisioning_delivery" ADD CONSTRAINT "provisioning_delivery_event_id_provisioning_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."provisioning_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "provisioning_delivery_attempt" ADD CONSTRAINT "provisioning_delivery_attempt_event_id_provisioning_event_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."provisioning_event"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "provisioning_delivery_due_idx" ON "provisioning_delivery" USING btree ("state","next_attempt_at");--> statement-breakpoint
CREATE INDEX "provisioning_delivery_attempt_event_idx" ON "provisioning_delivery_attempt" USING btree ("event_id","started_at");--> statement-breakpoint
INSERT INTO "provisioning_delivery" ("event_id", "queued_at", "next_attempt_at") SELECT "id", "created_at", "created_at" FROM "provisioning_event";
