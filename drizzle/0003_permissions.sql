CREATE TYPE "public"."request_status" AS ENUM('PENDING', 'ACCEPTED', 'DENIED', 'WITHDRAWN');--> statement-breakpoint
CREATE TABLE "add_open_failure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "admin_inheritance" (
	"user_id" uuid NOT NULL,
	"agreement_id" uuid NOT NULL,
	"opted_in" boolean NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "admin_inheritance_user_id_agreement_id_pk" PRIMARY KEY("user_id","agreement_id")
);
--> statement-breakpoint
CREATE TABLE "permission_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"requester_id" uuid NOT NULL,
	"licensing_id" uuid NOT NULL,
	"roles" text[] NOT NULL,
	"sub_roles" jsonb,
	"comment" text,
	"status" "request_status" DEFAULT 'PENDING' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "permission_request_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "reseller_access" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"licensing_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"deny_token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"denied_at" timestamp with time zone,
	"denied_by" uuid,
	CONSTRAINT "reseller_access_deny_token_hash_unique" UNIQUE("deny_token_hash")
);
--> statement-breakpoint
DROP INDEX "role_grant_key";--> statement-breakpoint
ALTER TABLE "role_grant" ADD COLUMN "sub_roles" text[];--> statement-breakpoint
ALTER TABLE "role_grant" ADD COLUMN "manage_reservation" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "role_grant" ADD COLUMN "inherited_from" uuid;--> statement-breakpoint
ALTER TABLE "role_grant" ADD COLUMN "granted_by" uuid;--> statement-breakpoint
ALTER TABLE "role_grant" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "add_open_failure" ADD CONSTRAINT "add_open_failure_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_inheritance" ADD CONSTRAINT "admin_inheritance_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "admin_inheritance" ADD CONSTRAINT "admin_inheritance_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_request" ADD CONSTRAINT "permission_request_requester_id_user_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_request" ADD CONSTRAINT "permission_request_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "permission_request" ADD CONSTRAINT "permission_request_decided_by_user_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_access" ADD CONSTRAINT "reseller_access_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_access" ADD CONSTRAINT "reseller_access_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reseller_access" ADD CONSTRAINT "reseller_access_denied_by_user_id_fk" FOREIGN KEY ("denied_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "add_open_failure_user_idx" ON "add_open_failure" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "permission_request_licensing_idx" ON "permission_request" USING btree ("licensing_id","status");--> statement-breakpoint
CREATE INDEX "permission_request_requester_idx" ON "permission_request" USING btree ("requester_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reseller_access_key" ON "reseller_access" USING btree ("licensing_id","user_id");--> statement-breakpoint
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_inherited_from_agreement_id_fk" FOREIGN KEY ("inherited_from") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant" ADD CONSTRAINT "role_grant_granted_by_user_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "role_grant_user_idx" ON "role_grant" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "role_grant_key" ON "role_grant" USING btree ("user_id","licensing_id","role","source");