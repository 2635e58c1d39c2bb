// The official JS client (npm devicehive 2.1.0, HTTP transport) against devicehive-cpp:
// login and the metadata calls, exactly as an existing DeviceHive application makes them.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const DeviceHive = require('devicehive');
const { startServer, ADMIN } = require('./server');

const { Network, DeviceType, Device, User, Configuration } = DeviceHive.models;
const {
  NetworkListQuery, NetworkCountQuery, NetworkDeleteQuery, DeviceListQuery, DeviceCountQuery,
  DeviceTypeListQuery, DeviceTypeDeleteQuery, UserListQuery,
} = DeviceHive.models.query;

let server;
let admin;

async function connect(credentials) {
  const client = new DeviceHive({
    ...credentials, mainServiceURL: server.mainUrl, authServiceURL: server.authUrl,
  });
  return client.connect();
}

before(async () => {
  server = await startServer();
  admin = await connect(ADMIN);
});

after(async () => {
  const code = await server.stop();
  assert.equal(code, 0, 'the server must shut down cleanly:\n' + server.log());
});

test('login gives tokens and the client re-mints its session token', async () => {
  assert.match(admin.accessToken, /^eyJhbGciOiJIUzI1NiJ9\./);
  assert.ok(admin.refreshToken);
  const info = await admin.info.getServerInfo();
  assert.equal(info.apiVersion, '4.1.0');
});

test('a wrong password is refused', async () => {
  await assert.rejects(connect({ login: 'dhadmin', password: 'wrong-password' }));
});

test('networks: insert, get, list, count, update, delete', async () => {
  const { id } = await admin.network.insert(new Network({ name: 'compat-net', description: 'from npm' }));
  assert.ok(Number.isInteger(id));
  const got = await admin.network.get(id);
  assert.equal(got.name, 'compat-net');
  assert.deepEqual(got.devices, []);
  const listed = await admin.network.list(new NetworkListQuery({ namePattern: 'compat-%' }));
  assert.deepEqual(listed.map((n) => n.name), ['compat-net']);
  const { count } = await admin.network.count(new NetworkCountQuery({ name: 'compat-net' }));
  assert.equal(count, 1);
  await admin.network.update(new Network({ id, name: 'compat-net-2', description: 'renamed' }));
  assert.equal((await admin.network.get(id)).description, 'renamed');
  await admin.network.delete(new NetworkDeleteQuery({ networkId: id }));
  await assert.rejects(admin.network.get(id), /Network with id = \d+ not found/);
});

test('device types: insert, get, list, update, delete', async () => {
  const { id } = await admin.deviceType.insert(new DeviceType({ name: 'compat-type', description: 'x' }));
  assert.equal((await admin.deviceType.get(id)).name, 'compat-type');
  const listed = await admin.deviceType.list(new DeviceTypeListQuery({ sortField: 'id', sortOrder: 'DESC', take: 1 }));
  assert.equal(listed[0].id, id);
  await admin.deviceType.update(new DeviceType({ id, name: 'compat-type-2' }));
  assert.equal((await admin.deviceType.get(id)).name, 'compat-type-2');
  await admin.deviceType.delete(new DeviceTypeDeleteQuery({ deviceTypeId: id }));
  await assert.rejects(admin.deviceType.get(id), /Device type with id = \d+ not found/);
});

test('devices: add, get, list, count, update, delete', async () => {
  const { id: networkId } = await admin.network.insert(new Network({ name: 'compat-devices' }));
  await admin.device.add(new Device({
    id: 'compat-device-1', name: 'Compat Device', data: { room: 'lab' }, networkId, deviceTypeId: 2,
  }));
  const device = await admin.device.get('compat-device-1');
  assert.deepEqual(device, {
    id: 'compat-device-1', name: 'Compat Device', data: { room: 'lab' }, networkId,
    deviceTypeId: 2, isBlocked: false,
  });
  const listed = await admin.device.list(new DeviceListQuery({ networkId }));
  assert.deepEqual(listed.map((d) => d.id), ['compat-device-1']);
  const { count } = await admin.device.count(new DeviceCountQuery({ networkId }));
  assert.equal(count, 1);
  await admin.device.add(new Device({ id: 'compat-device-1', name: 'Renamed', networkId }));
  const updated = await admin.device.get('compat-device-1');
  assert.equal(updated.name, 'Renamed');
  assert.equal(updated.data, null);
  await admin.device.delete('compat-device-1');
  await assert.rejects(admin.device.get('compat-device-1'), /Device with such deviceId = compat-device-1 not found/);
});

test('users: insert, get, list, update, assign a network, log in as the new user', async () => {
  const { id } = await admin.user.insert(new User({
    login: 'compat-client', password: 'compat-pass-1', role: 1, status: 0, data: { team: 'qa' },
  }));
  const { id: networkId } = await admin.network.insert(new Network({ name: 'compat-client-net' }));
  await admin.user.assignNetwork(id, networkId);
  const user = await admin.user.get(id);
  assert.equal(user.login, 'compat-client');
  assert.deepEqual(user.data, { team: 'qa' });
  assert.deepEqual(user.networks.map((n) => n.id), [networkId]);
  const listed = await admin.user.list(new UserListQuery({ login: 'compat-client' }));
  assert.equal(listed.length, 1);
  const { network } = await admin.user.getNetwork(id, networkId);
  assert.equal(network.name, 'compat-client-net');

  const client = await connect({ login: 'compat-client', password: 'compat-pass-1' });
  const current = await client.user.getCurrent();
  assert.equal(current.id, id);
  const visible = await client.network.list(new NetworkListQuery());
  assert.deepEqual(visible.map((n) => n.id), [networkId]);
  await assert.rejects(client.user.list(new UserListQuery()), /Access is denied/);
  await client.device.add(new Device({ id: 'compat-client-dev', name: 'mine' }));
  assert.equal((await client.device.get('compat-client-dev')).networkId, networkId);
  await assert.rejects(client.device.get('e50d6085-2aba-48e9-b1c3-73c673e414be'), /Access is denied/);

  await admin.user.update(new User({ id, login: 'compat-client', status: 1 }));
  await assert.rejects(connect({ login: 'compat-client', password: 'compat-pass-1' }));
  await admin.user.delete(id);
  await assert.rejects(admin.user.get(id), /User with id = \d+ not found/);
});

test('configuration: put, get, delete', async () => {
  const put = await admin.configuration.put(new Configuration({ name: 'compat.setting', value: 'on' }));
  assert.equal(put.value, 'on');
  assert.equal((await admin.configuration.get('compat.setting')).value, 'on');
  await admin.configuration.delete('compat.setting');
  await assert.rejects(admin.configuration.get('compat.setting'));
});

test('token refresh gives a working access token', async () => {
  const { accessToken } = await admin.token.refresh(admin.refreshToken);
  const client = new DeviceHive({ accessToken, mainServiceURL: server.mainUrl, authServiceURL: server.authUrl });
  await client.connect();
  const { count } = await client.network.count(new NetworkCountQuery());
  assert.ok(count >= 1);
});
