-- First-start content, as DeviceHive seeds it: the admin (password dhadmin_#911, hashed with
-- Argon2id), the sample network, device types 1-8, the sample device.
INSERT INTO dh_user (id, login, password_hash, role, status, all_device_types_available)
VALUES (1, 'dhadmin',
        '$argon2id$v=19$m=19456,t=2,p=1$TmRKDsbT5e0rveZLaBLx6w$DET6PFkwXZdv6oQbH0zgN9qhLGU9JWK6fpr9fFdiPNM',
        0, 0, 1);

INSERT INTO network (id, name, description) VALUES (1, 'Sample Network', 'A DeviceHive Sample Network');
INSERT INTO user_network (user_id, network_id) VALUES (1, 1);

INSERT INTO device_type (id, name, description) VALUES
  (1, 'Default Device Type', 'Default DeviceHive device type'),
  (2, 'Cameras', 'Enable your smart home cameras to enable real time streaming'),
  (3, 'Lightning', 'Devices to turn smart lights on and off, change the brightness, specify colors'),
  (4, 'Door Locks', 'Check the state of your door locks and manipulate if needed'),
  (5, 'Thermostats', 'Devices to control thermostat settings and to report current temperatures'),
  (6, 'Entertainment', 'Control of your smart TVs, receivers, and other entertainment devices'),
  (7, 'Cars', 'Devices to develop your own smart cars'),
  (8, 'Cooking', 'Cooking devices for hands-free control in your kitchen');
INSERT INTO user_device_type (user_id, device_type_id) VALUES (1, 1);

INSERT INTO device (device_id, name, network_id, device_type_id, blocked)
VALUES ('e50d6085-2aba-48e9-b1c3-73c673e414be', 'Sample Device', 1, 1, 0);

INSERT INTO configuration (name, value) VALUES ('user.login.lastTimeout', '1000');
