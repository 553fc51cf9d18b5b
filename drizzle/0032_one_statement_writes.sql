-- The writes of a reservation and of a subscription assignment, each in ONE statement, as
-- activate_machine (0009) does for an activation: a transaction of four or five statements waits
-- for the app between each of them (a round trip through a busy event loop each), and a counter's
-- row lock taken inside such a transaction is held across those waits. Called outside a
-- transaction, each function commits on its own, and a raised error undoes all it wrote.
--
-- The mails come rendered by the app (templates live in the app) as a JSON array of outbox rows.

-- One reservation (R-RES-3, R-RES-5): the row, the enrollment's running total (quantity + n, so
-- concurrent submissions never lose a count), its audit row and its mails.
CREATE FUNCTION submit_reservation(
  p_id uuid, p_licensing_id uuid, p_product_id uuid, p_action reservation_action, p_quantity int, p_usage_date date,
  p_submitted_by uuid, p_at timestamptz, p_organization_id uuid, p_audit jsonb, p_request_id text, p_mails jsonb
) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO reservation (id, licensing_id, product_id, action, quantity, usage_date, submitted_by, submitted_at)
  VALUES (p_id, p_licensing_id, p_product_id, p_action, p_quantity, p_usage_date, p_submitted_by, p_at);
  INSERT INTO reservation_total AS t (licensing_id, product_id, action, quantity)
  VALUES (p_licensing_id, p_product_id, p_action, p_quantity)
  ON CONFLICT (licensing_id, product_id, action) DO UPDATE SET quantity = t.quantity + excluded.quantity;
  INSERT INTO audit_log (actor_user_id, organization_id, action, target_type, target_id, licensing_ids, after, request_id)
  VALUES (p_submitted_by, p_organization_id, 'reservation.submit', 'licensing_id', p_licensing_id::text, ARRAY[p_licensing_id],
          p_audit, p_request_id);
  INSERT INTO outbox (to_address, template, locale, subject, text, html, redacted_text, redacted_html)
  SELECT m.to_address, m.template, m.locale, m.subject, m.text, m.html, m.redacted_text, m.redacted_html
  FROM jsonb_to_recordset(p_mails) AS m(to_address text, template text, locale locale, subject text, text text, html text,
                                       redacted_text text, redacted_html text);
END $$;
--> statement-breakpoint
-- One subscription assignment (R-PERM-2): the assignment, its audit row and the holder's mail
-- first, then the product's counter, so the counter's row (the one every assignment of the product
-- updates) stays locked only from there to the commit, as short as a bare counter update holds it.
-- The counter row is made by the first assignment (of 1, which p_purchased >= 1 allows). A refusal
-- undoes everything:
--   LSC03  the person already has an open assignment of this product;
--   LSC04  every purchased subscription of this product is assigned.
CREATE FUNCTION assign_subscription(
  p_id uuid, p_licensing_id uuid, p_organization_id uuid, p_product_id uuid, p_holder_name text, p_holder_email text,
  p_holder_locale text, p_at timestamptz, p_assigned_by uuid, p_purchased int, p_actor_organization_id uuid,
  p_audit jsonb, p_request_id text, p_mails jsonb
) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  v_assigned int;
BEGIN
  INSERT INTO subscription_assignment (id, licensing_id, organization_id, product_id, holder_name, holder_email, holder_locale,
                                       assigned_at, assigned_by)
  VALUES (p_id, p_licensing_id, p_organization_id, p_product_id, p_holder_name, p_holder_email, p_holder_locale, p_at, p_assigned_by)
  ON CONFLICT (licensing_id, product_id, holder_email) WHERE ended_at IS NULL DO NOTHING;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'already assigned' USING ERRCODE = 'LSC03';
  END IF;
  INSERT INTO audit_log (actor_user_id, organization_id, action, target_type, target_id, licensing_ids, after, request_id)
  VALUES (p_assigned_by, p_actor_organization_id, 'subscriptions.assign', 'licensing_id', p_licensing_id::text,
          ARRAY[p_licensing_id], p_audit, p_request_id);
  INSERT INTO outbox (to_address, template, locale, subject, text, html, redacted_text, redacted_html)
  SELECT m.to_address, m.template, m.locale, m.subject, m.text, m.html, m.redacted_text, m.redacted_html
  FROM jsonb_to_recordset(p_mails) AS m(to_address text, template text, locale locale, subject text, text text, html text,
                                       redacted_text text, redacted_html text);
  INSERT INTO subscription_count AS c (licensing_id, product_id, assigned)
  SELECT p_licensing_id, p_product_id, 1 WHERE p_purchased >= 1
  ON CONFLICT (licensing_id, product_id) DO UPDATE SET assigned = c.assigned + 1 WHERE c.assigned < p_purchased
  RETURNING c.assigned INTO v_assigned;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'none remaining' USING ERRCODE = 'LSC04';
  END IF;
  RETURN v_assigned;
END $$;
