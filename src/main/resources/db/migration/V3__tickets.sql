-- Tickets, loonflow 1.0 layout, plus the link to the engine's process instance and a database serial counter.

CREATE TABLE ticket_ticketrecord (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  title VARCHAR(500) NOT NULL DEFAULT '',
  workflow_id BIGINT NOT NULL DEFAULT 0,
  sn VARCHAR(50) NOT NULL DEFAULT '',
  state_id BIGINT NOT NULL DEFAULT 0,
  parent_ticket_id BIGINT NOT NULL DEFAULT 0,
  parent_ticket_state_id BIGINT NOT NULL DEFAULT 0,
  participant_type_id INT NOT NULL DEFAULT 0,
  participant VARCHAR(1000) NOT NULL DEFAULT '',
  relation VARCHAR(4000) NOT NULL DEFAULT '',
  in_add_node BOOLEAN NOT NULL DEFAULT FALSE,
  add_node_man VARCHAR(50) NOT NULL DEFAULT '',
  script_run_last_result BOOLEAN NOT NULL DEFAULT TRUE,
  multi_all_person VARCHAR(4000) NOT NULL DEFAULT '{}',
  act_state_id INT NOT NULL DEFAULT 1,
  -- the Camunda process instance running this ticket (empty for tickets that ended before import)
  proc_inst_id VARCHAR(64) NOT NULL DEFAULT '',
  creator VARCHAR(50) NOT NULL DEFAULT '',
  gmt_created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  gmt_modified DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  is_deleted BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX idx_ticket_workflow_created ON ticket_ticketrecord (workflow_id, gmt_created);
CREATE INDEX idx_ticket_created ON ticket_ticketrecord (gmt_created);
CREATE INDEX idx_ticket_creator_created ON ticket_ticketrecord (creator, gmt_created);
CREATE INDEX idx_ticket_sn ON ticket_ticketrecord (sn);
CREATE INDEX idx_ticket_parent ON ticket_ticketrecord (parent_ticket_id);
CREATE INDEX idx_ticket_act_state ON ticket_ticketrecord (act_state_id);

CREATE TABLE ticket_ticketcustomfield (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(50) NOT NULL DEFAULT '',
  field_key VARCHAR(50) NOT NULL DEFAULT '',
  ticket_id BIGINT NOT NULL DEFAULT 0,
  field_type_id INT NOT NULL DEFAULT 0,
  char_value VARCHAR(1000) NOT NULL DEFAULT '',
  int_value BIGINT NOT NULL DEFAULT 0,
  float_value DOUBLE NOT NULL DEFAULT 0,
  bool_value BOOLEAN NOT NULL DEFAULT FALSE,
  -- NULL = no value in this column (loonflow wrote placeholder dates such as 0001-01-01)
  date_value DATE NULL,
  datetime_value DATETIME NULL,
  time_value TIME NULL,
  radio_value VARCHAR(50) NOT NULL DEFAULT '',
  checkbox_value VARCHAR(1000) NOT NULL DEFAULT '',
  select_value VARCHAR(50) NOT NULL DEFAULT '',
  multi_select_value VARCHAR(1000) NOT NULL DEFAULT '',
  text_value LONGTEXT NULL,
  username_value VARCHAR(50) NOT NULL DEFAULT '',
  multi_username_value VARCHAR(1000) NOT NULL DEFAULT '',
  creator VARCHAR(50) NOT NULL DEFAULT '',
  gmt_created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  gmt_modified DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  is_deleted BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX idx_ticketfield_ticket_key ON ticket_ticketcustomfield (ticket_id, field_key);

CREATE TABLE ticket_ticketflowlog (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  ticket_id BIGINT NOT NULL DEFAULT 0,
  transition_id BIGINT NOT NULL DEFAULT 0,
  suggestion VARCHAR(10000) NOT NULL DEFAULT '',
  participant_type_id INT NOT NULL DEFAULT 0,
  participant VARCHAR(200) NOT NULL DEFAULT '',
  state_id BIGINT NOT NULL DEFAULT 0,
  intervene_type_id INT NOT NULL DEFAULT 0,
  ticket_data LONGTEXT NULL,
  creator VARCHAR(50) NOT NULL DEFAULT '',
  gmt_created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  gmt_modified DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  is_deleted BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX idx_flowlog_ticket ON ticket_ticketflowlog (ticket_id, id);

CREATE TABLE ticket_ticketuser (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  ticket_id BIGINT NOT NULL DEFAULT 0,
  username VARCHAR(100) NOT NULL DEFAULT '',
  in_process BOOLEAN NOT NULL DEFAULT FALSE,
  worked BOOLEAN NOT NULL DEFAULT FALSE,
  creator VARCHAR(50) NOT NULL DEFAULT '',
  gmt_created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  gmt_modified DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  is_deleted BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE UNIQUE INDEX uk_ticketuser_ticket_user ON ticket_ticketuser (ticket_id, username);
CREATE INDEX idx_ticketuser_user_process ON ticket_ticketuser (username, in_process, ticket_id);
CREATE INDEX idx_ticketuser_user_worked ON ticket_ticketuser (username, worked, ticket_id);

-- Daily serial-number counter (loonflow kept it in Redis): one row per day, incremented under a row lock.
CREATE TABLE ticket_sn_counter (
  sn_day DATE NOT NULL PRIMARY KEY,
  last_value BIGINT NOT NULL DEFAULT 0
);
