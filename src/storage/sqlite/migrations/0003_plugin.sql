-- Plugins (spec §3.10). Names are not unique (DeviceHive dropped that); topic names are.
-- status: 0 ACTIVE, 1 INACTIVE, 2 CREATED. parameters is compact JSON object text.
CREATE TABLE plugin (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  name            TEXT    NOT NULL,
  description     TEXT,
  topic_name      TEXT    NOT NULL UNIQUE,
  filter          TEXT    NOT NULL,
  status          INTEGER NOT NULL,
  subscription_id INTEGER,
  user_id         INTEGER NOT NULL REFERENCES dh_user (id) ON DELETE CASCADE,
  parameters      TEXT
);
CREATE INDEX plugin_user_idx ON plugin (user_id);
