-- Generated from the defineStatement calls by `roster sql` (npx nx run api:sql); do not edit.

-- name: deliveryPurge.deleteBatch
DELETE FROM webhook_deliveries WHERE delivery_id IN (
  SELECT delivery_id FROM webhook_deliveries
  WHERE created_at < now() - make_interval(days => $1) AND status <> 'pending'
  LIMIT $2 FOR UPDATE SKIP LOCKED);
