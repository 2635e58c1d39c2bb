-- Metadata schema: users, networks, device types, devices, links, configuration.
-- Timestamps are epoch milliseconds (INTEGER); JSON blobs are compact object text.
CREATE TABLE dh_user (
  id                          INTEGER PRIMARY KEY AUTOINCREMENT,
  login                       TEXT    NOT NULL UNIQUE,
  password_hash               TEXT    NOT NULL,
  role                        INTEGER NOT NULL,
  status                      INTEGER NOT NULL DEFAULT 0,
  login_attempts              INTEGER NOT NULL DEFAULT 0,
  last_login                  INTEGER,
  data                        TEXT,
  intro_reviewed              INTEGER NOT NULL DEFAULT 0,
  all_device_types_available  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE network (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT NOT NULL UNIQUE,
  description TEXT
);

CREATE TABLE device_type (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT NOT NULL UNIQUE,
  description TEXT
);

CREATE TABLE device (
  sid            INTEGER PRIMARY KEY AUTOINCREMENT,
  device_id      TEXT    NOT NULL UNIQUE,
  name           TEXT    NOT NULL,
  data           TEXT,
  network_id     INTEGER REFERENCES network (id) ON DELETE CASCADE,
  device_type_id INTEGER REFERENCES device_type (id) ON DELETE CASCADE,
  blocked        INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX device_network_idx ON device (network_id);
CREATE INDEX device_device_type_idx ON device (device_type_id);

CREATE TABLE user_network (
  user_id    INTEGER NOT NULL REFERENCES dh_user (id) ON DELETE CASCADE,
  network_id INTEGER NOT NULL REFERENCES network (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, network_id)
);
CREATE INDEX user_network_network_idx ON user_network (network_id);

CREATE TABLE user_device_type (
  user_id        INTEGER NOT NULL REFERENCES dh_user (id) ON DELETE CASCADE,
  device_type_id INTEGER NOT NULL REFERENCES device_type (id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, device_type_id)
);
CREATE INDEX user_device_type_device_type_idx ON user_device_type (device_type_id);

CREATE TABLE configuration (
  id             INTEGER PRIMARY KEY AUTOINCREMENT,
  name           TEXT    NOT NULL UNIQUE,
  value          TEXT    NOT NULL,
  entity_version INTEGER NOT NULL DEFAULT 0
);
