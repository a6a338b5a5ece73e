-- Workflow definitions, loonflow 1.0 layout. JSON-bearing columns are text validated by the service.

CREATE TABLE workflow_workflow (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(50) NOT NULL DEFAULT '',
  description VARCHAR(50) NOT NULL DEFAULT '',
  notices VARCHAR(50) NOT NULL DEFAULT '',
  view_permission_check BOOLEAN NOT NULL DEFAULT TRUE,
  limit_expression VARCHAR(1000) NOT NULL DEFAULT '{}',
  display_form_str VARCHAR(10000) NOT NULL DEFAULT '[]',
  title_template VARCHAR(50) NULL DEFAULT '',
  content_template VARCHAR(1000) NULL DEFAULT '',
  creator VARCHAR(50) NOT NULL DEFAULT '',
  gmt_created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  gmt_modified DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  is_deleted BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE workflow_workflowadmin (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  workflow_id BIGINT NOT NULL DEFAULT 0,
  username VARCHAR(100) NOT NULL DEFAULT '',
  creator VARCHAR(50) NOT NULL DEFAULT '',
  gmt_created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  gmt_modified DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  is_deleted BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX idx_workflowadmin_workflow ON workflow_workflowadmin (workflow_id);
CREATE INDEX idx_workflowadmin_username ON workflow_workflowadmin (username);

CREATE TABLE workflow_state (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(50) NOT NULL DEFAULT '',
  workflow_id BIGINT NOT NULL DEFAULT 0,
  is_hidden BOOLEAN NOT NULL DEFAULT FALSE,
  order_id INT NOT NULL DEFAULT 0,
  type_id INT NOT NULL DEFAULT 0,
  participant_type_id INT NOT NULL DEFAULT 1,
  participant VARCHAR(1000) NOT NULL DEFAULT '',
  distribute_type_id INT NOT NULL DEFAULT 1,
  state_field_str LONGTEXT NOT NULL,
  label VARCHAR(1000) NOT NULL DEFAULT '{}',
  remember_last_man_enable BOOLEAN NOT NULL DEFAULT FALSE,
  enable_retreat BOOLEAN NOT NULL DEFAULT FALSE,
  creator VARCHAR(50) NOT NULL DEFAULT '',
  gmt_created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  gmt_modified DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  is_deleted BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX idx_state_workflow ON workflow_state (workflow_id);

CREATE TABLE workflow_transition (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(50) NOT NULL DEFAULT '',
  workflow_id BIGINT NOT NULL DEFAULT 0,
  transition_type_id INT NOT NULL DEFAULT 1,
  timer INT NOT NULL DEFAULT 0,
  source_state_id BIGINT NOT NULL DEFAULT 0,
  destination_state_id BIGINT NOT NULL DEFAULT 0,
  condition_expression VARCHAR(1000) NOT NULL DEFAULT '[]',
  attribute_type_id INT NOT NULL DEFAULT 1,
  field_require_check BOOLEAN NOT NULL DEFAULT TRUE,
  alert_enable BOOLEAN NOT NULL DEFAULT FALSE,
  alert_text VARCHAR(100) NOT NULL DEFAULT '',
  creator VARCHAR(50) NOT NULL DEFAULT '',
  gmt_created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  gmt_modified DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  is_deleted BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX idx_transition_workflow ON workflow_transition (workflow_id);
CREATE INDEX idx_transition_source ON workflow_transition (source_state_id);

CREATE TABLE workflow_customfield (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  workflow_id BIGINT NOT NULL DEFAULT 0,
  field_type_id INT NOT NULL DEFAULT 0,
  field_key VARCHAR(50) NOT NULL DEFAULT '',
  field_name VARCHAR(50) NOT NULL DEFAULT '',
  order_id INT NOT NULL DEFAULT 0,
  default_value VARCHAR(100) NULL,
  description VARCHAR(100) NOT NULL DEFAULT '',
  field_template LONGTEXT NOT NULL,
  boolean_field_display VARCHAR(100) NOT NULL DEFAULT '{}',
  field_choice VARCHAR(1000) NOT NULL DEFAULT '{}',
  label VARCHAR(100) NOT NULL DEFAULT '{}',
  creator VARCHAR(50) NOT NULL DEFAULT '',
  gmt_created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  gmt_modified DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  is_deleted BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX idx_customfield_workflow ON workflow_customfield (workflow_id);

CREATE TABLE workflow_customnotice (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(50) NOT NULL DEFAULT '',
  description VARCHAR(100) NULL DEFAULT '',
  hook_url VARCHAR(1000) NULL DEFAULT '',
  hook_token VARCHAR(100) NULL DEFAULT '',
  creator VARCHAR(50) NOT NULL DEFAULT '',
  gmt_created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  gmt_modified DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  is_deleted BOOLEAN NOT NULL DEFAULT FALSE
);

CREATE TABLE workflow_workflowscript (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(50) NOT NULL DEFAULT '',
  saved_name VARCHAR(100) NOT NULL DEFAULT '',
  -- the script body lives in the database (no media directory to share between nodes)
  content LONGTEXT NULL,
  description VARCHAR(100) NULL DEFAULT '',
  is_active BOOLEAN NOT NULL DEFAULT TRUE,
  creator VARCHAR(50) NOT NULL DEFAULT '',
  gmt_created DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  gmt_modified DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  is_deleted BOOLEAN NOT NULL DEFAULT FALSE
);
