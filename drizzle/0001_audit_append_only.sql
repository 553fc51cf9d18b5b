-- The audit log is evidence: rows may be added, never changed or removed.
CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
INSERT INTO program (code, name, has_mbsa, full_catalog_downloads, keys_per_pool, may_reserve) VALUES
  ('ENTERPRISE', 'Enterprise Agreement', true, true, true, true),
  ('ENTERPRISE_SUBSCRIPTION', 'Enterprise Agreement Subscription', true, true, true, true),
  ('ENTERPRISE_GOV_PARTNERS', 'Enterprise Agreement for Government Partners', true, true, true, true),
  ('SELECT', 'Select License', true, true, true, false),
  ('SELECT_PLUS', 'Select Plus', true, true, true, false),
  ('CAMPUS', 'Campus and School Agreement (Campus)', true, true, true, false),
  ('SCHOOL', 'Campus and School Agreement (School)', true, true, true, false),
  ('OPEN_LICENSE', 'Open License', false, false, false, false),
  ('OPEN_VALUE', 'Open Value', false, false, false, false),
  ('OPEN_VALUE_SUBSCRIPTION', 'Open Value Subscription', false, false, false, false);
