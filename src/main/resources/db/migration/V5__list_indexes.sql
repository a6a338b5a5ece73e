-- The all and owner lists count a year of tickets. With is_deleted in the index the count reads index entries
-- only; before, it read every ticket row of the window (16 s at 1,000,000 tickets on H2). The new index serves
-- everything the old one did (the lists always filter is_deleted = FALSE), so it replaces it.
CREATE INDEX idx_ticket_workflow_deleted_created ON ticket_ticketrecord (workflow_id, is_deleted, gmt_created);
DROP INDEX idx_ticket_workflow_created ON ticket_ticketrecord;

-- loonflow left in_process set on the last handlers of a ticket that ended (ticket spec §5.9, decision 19); this
-- service clears it when a ticket finishes or closes. Rows copied from a loonflow database still carry the stale
-- flags, which the duty list would read (and then discard) on every call.
UPDATE ticket_ticketuser SET in_process = FALSE
WHERE in_process = TRUE AND ticket_id IN (SELECT id FROM ticket_ticketrecord WHERE act_state_id IN (4, 5));
