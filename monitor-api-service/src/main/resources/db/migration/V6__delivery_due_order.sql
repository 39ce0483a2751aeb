-- The sender reads due deliveries oldest first (ORDER BY id LIMIT n): walking the pending ones in id order stops after
-- n rows, where the primary key would walk every delivered row ever recorded before reaching the first pending one.
CREATE INDEX alert_delivery_pending_id_idx ON alert_delivery (id) WHERE status = 'pending';
DROP INDEX alert_delivery_due_idx;
