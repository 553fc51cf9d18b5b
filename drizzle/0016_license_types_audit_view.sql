ALTER TYPE "public"."license_type" ADD VALUE 'MAINTENANCE';--> statement-breakpoint
ALTER TYPE "public"."license_type" ADD VALUE 'UPGRADE_ADVANTAGE';--> statement-breakpoint
DROP INDEX "order_line_coverage_idx";--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "licensing_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_licensing_ids_idx" ON "audit_log" USING gin ("licensing_ids");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_log" USING btree ("actor_user_id","id");--> statement-breakpoint
CREATE INDEX "order_line_coverage_idx" ON "order_line" USING btree ("licensing_id","coverage_end","coverage_start","counts_from","product_id","license_type","is_grant","quantity") WHERE license_type not in ('FULL', 'UPGRADE', 'ONLINE_SERVICE');--> statement-breakpoint
-- Entries written before licensing_ids existed: the Licensing ID they name (their target, or the
-- licensingId of their after/before) becomes what they concern, so the audit view shows them to
-- that Licensing ID's Administrators. The append-only trigger is held off for this one backfill.
ALTER TABLE "audit_log" DISABLE TRIGGER "audit_log_append_only";--> statement-breakpoint
UPDATE "audit_log" SET "licensing_ids" = ARRAY[v.id::uuid]
FROM (
  SELECT a.id AS row_id, coalesce(
    CASE WHEN a.target_type = 'licensing_id' THEN a.target_id END,
    a.after ->> 'licensingId',
    a.before ->> 'licensingId'
  ) AS id
  FROM "audit_log" a
) v
WHERE "audit_log"."id" = v.row_id
  AND v.id ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';--> statement-breakpoint
ALTER TABLE "audit_log" ENABLE TRIGGER "audit_log_append_only";
