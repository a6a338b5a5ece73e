-- Notice outbox: one row per (ticket change x notice), written in the ticket change's transaction and sent
-- asynchronously by the dispatcher (package io.loonflow.bpmn.notice). Several nodes may share the table: a node
-- claims a row with a conditional UPDATE (claim_token, claimed_until) before sending it; a claim expires.

CREATE TABLE notice_delivery (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  -- stable id of the delivery, sent as the webhook-id header on every attempt (receivers de-duplicate on it)
  delivery_id VARCHAR(36) NOT NULL,
  ticket_id BIGINT NOT NULL DEFAULT 0,
  notice_id BIGINT NOT NULL DEFAULT 0,
  -- the ticket change that produced it: CREATE, HANDLE, DELIVER, ADD_NODE
  ticket_action VARCHAR(20) NOT NULL DEFAULT '',
  -- the JSON body rendered when the change happened; NULL when rendering failed (see last_error)
  body LONGTEXT NULL,
  -- pending, sent or failed
  status VARCHAR(10) NOT NULL DEFAULT 'pending',
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  last_error VARCHAR(1000) NOT NULL DEFAULT '',
  last_http_status INT NOT NULL DEFAULT 0,
  claim_token VARCHAR(36) NULL,
  claimed_by VARCHAR(100) NOT NULL DEFAULT '',
  claimed_until DATETIME NULL,
  gmt_created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  sent_at DATETIME NULL
);
CREATE UNIQUE INDEX uk_notice_delivery_delivery_id ON notice_delivery (delivery_id);
-- the poller's query: due pending rows
CREATE INDEX idx_notice_delivery_due ON notice_delivery (status, next_attempt_at);
CREATE INDEX idx_notice_delivery_ticket ON notice_delivery (ticket_id);
