ALTER TYPE "public"."sa_use_kind" ADD VALUE 'E_LEARNING_PARTICIPANT';--> statement-breakpoint
ALTER TYPE "public"."sa_use_kind" ADD VALUE 'BENEFIT_USER';--> statement-breakpoint
CREATE TABLE "sa_elearning_code" (
	"licensing_id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sa_elearning_domain" (
	"licensing_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	CONSTRAINT "sa_elearning_domain_licensing_id_domain_pk" PRIMARY KEY("licensing_id","domain")
);
--> statement-breakpoint
ALTER TABLE "sa_elearning_code" ADD CONSTRAINT "sa_elearning_code_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_elearning_domain" ADD CONSTRAINT "sa_elearning_domain_licensing_id_licensing_id_id_fk" FOREIGN KEY ("licensing_id") REFERENCES "public"."licensing_id"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sa_elearning_domain" ADD CONSTRAINT "sa_elearning_domain_created_by_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sa_elearning_code_code_idx" ON "sa_elearning_code" USING btree ("code");