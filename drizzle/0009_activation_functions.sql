-- Fixed-window rate-limit counters: adds p_amounts[i] hits to p_keys[i] (rows locked in the order
-- given, so two callers never wait on each other crosswise) and returns each key's count so far
-- with its position.
CREATE FUNCTION count_hits(p_keys text[], p_amounts int[], p_at timestamptz, p_window_seconds int)
RETURNS TABLE (key text, count int, n bigint) LANGUAGE sql AS $$
  WITH upserted AS (
    INSERT INTO rate_limit AS r (key, window_start, count)
    SELECT h.k, p_at, p_amounts[h.n] FROM unnest(p_keys) WITH ORDINALITY AS h(k, n) ORDER BY h.n
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN r.window_start <= excluded.window_start - make_interval(secs => p_window_seconds)
                   THEN excluded.count ELSE r.count + excluded.count END,
      window_start = CASE WHEN r.window_start <= excluded.window_start - make_interval(secs => p_window_seconds)
                   THEN excluded.window_start ELSE r.window_start END
    RETURNING r.key, r.count
  )
  SELECT u.key, u.count, h.n FROM upserted u JOIN unnest(p_keys) WITH ORDINALITY AS h(k, n) ON h.k = u.key
$$;
--> statement-breakpoint
-- One machine's MAK activation (R-KEY-3, R-KEY-4): the activation row and its audit row first, then
-- the key's count, so the key's row (the one every activation of the key updates) stays locked
-- only from there to the commit, as short as a bare counter update would hold it. A refusal undoes
-- everything:
--   23505 (unique_violation)  this machine or this Idempotency-Key was activated before;
--   LSC02                     the key has no activation left.
CREATE FUNCTION activate_machine(
  p_key_id uuid, p_id uuid, p_organization_id uuid, p_fingerprint text, p_hostname text,
  p_machine_kind machine_kind, p_method activation_method, p_client_address text, p_idempotency_key text,
  p_certificate text, p_at timestamptz, p_audit jsonb, p_request_id text
) RETURNS TABLE (used int, activation_limit int) LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO activation (id, key_id, organization_id, fingerprint, hostname, machine_kind, method, client_address,
                          idempotency_key, certificate, activated_at)
  VALUES (p_id, p_key_id, p_organization_id, p_fingerprint, p_hostname, p_machine_kind, p_method, p_client_address,
          p_idempotency_key, p_certificate, p_at);
  INSERT INTO audit_log (organization_id, action, target_type, target_id, after, request_id)
  VALUES (p_organization_id, 'activation.create', 'activation', p_id::text, p_audit, p_request_id);
  RETURN QUERY
    UPDATE product_key k SET used = k.used + 1
    WHERE k.id = p_key_id AND k.used < k.activation_limit
    RETURNING k.used, k.activation_limit;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'no activation left' USING ERRCODE = 'LSC02';
  END IF;
END $$;
