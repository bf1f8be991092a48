-- Removing an event past its retention removes its deliveries (on delete cascade) and first checks that none is
-- still pending: both look deliveries up by event.
create index webhook_delivery_event_idx on webhook_delivery (event_id);
