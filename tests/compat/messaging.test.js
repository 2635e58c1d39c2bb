// The official JS client (npm devicehive 2.1.0) exchanging notifications and commands with
// devicehive-cpp over both of its transports: REST (long polling) and WebSocket.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const DeviceHive = require('devicehive');
const { startServer, ADMIN } = require('./server');

const { Device, Notification, Command } = DeviceHive.models;
const {
  NotificationListQuery, NotificationPollQuery, CommandListQuery, CommandPollQuery,
  CommandWaitQuery, NetworkListQuery,
} = DeviceHive.models.query;

let server;
let rest;  // HTTP transport
let ws;    // WebSocket transport

async function connect(mainServiceURL) {
  const client = new DeviceHive({
    ...ADMIN, mainServiceURL, authServiceURL: server.authUrl,
  });
  return client.connect();
}

// Resolves with the first message `client` emits that satisfies `accept`, or rejects after 10 s.
function nextMessage(client, accept) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message within 10 s')), 10000);
    const listener = (message) => {
      if (!accept(message)) return;
      clearTimeout(timer);
      client.removeListener(DeviceHive.MESSAGE_EVENT, listener);
      resolve(message);
    };
    client.on(DeviceHive.MESSAGE_EVENT, listener);
  });
}

async function registerDevice(id) {
  await rest.device.add(new Device({ id, name: id, networkId: 1, deviceTypeId: 1 }));
}

before(async () => {
  server = await startServer();
  rest = await connect(server.mainUrl);
  ws = await connect(`ws://127.0.0.1:${server.port}/api/websocket`);
});

after(async () => {
  ws.disconnect();
  rest.disconnect();
  assert.equal(await server.stop(), 0, server.log());
});

test('REST: insert, get and list notifications', async () => {
  await registerDevice('compat-rest-n');
  const inserted = await rest.notification.insert('compat-rest-n',
    new Notification({ notification: 'temperature', parameters: { celsius: 21.5 } }));
  assert.ok(Number.isSafeInteger(inserted.id));
  assert.match(inserted.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
  const got = await rest.notification.get('compat-rest-n', inserted.id);
  assert.deepEqual(got.parameters, { celsius: 21.5 });
  // Registering the device stored a $device-add notification too, as in DeviceHive.
  const listed = await rest.notification.list(new NotificationListQuery({ deviceId: 'compat-rest-n' }));
  assert.deepEqual(listed.map((n) => n.notification), ['temperature', '$device-add']);
  const named = await rest.notification.list(
    new NotificationListQuery({ deviceId: 'compat-rest-n', notification: 'temperature' }));
  assert.deepEqual(named.map((n) => n.id), [inserted.id]);
});

test('REST: a long-poll subscription receives a new notification', async () => {
  await registerDevice('compat-rest-sub');
  const { subscriptionId } = await rest.notification.subscribe(
    new NotificationPollQuery({ deviceId: 'compat-rest-sub', waitTimeout: 5 }));
  const received = nextMessage(rest, (m) => m.notification === 'ping-rest');
  await rest.notification.insert('compat-rest-sub', new Notification({ notification: 'ping-rest' }));
  const message = await received;
  assert.equal(message.deviceId, 'compat-rest-sub');
  await rest.notification.unsubscribe(subscriptionId);
});

test('REST: a command is inserted, waited for, updated and polled', async () => {
  await registerDevice('compat-rest-c');
  const inserted = await rest.command.insert('compat-rest-c',
    new Command({ command: 'reboot', parameters: { delay: 1 } }));
  assert.equal(inserted.userId, 1);
  const waiting = rest.command.wait('compat-rest-c', inserted.id, new CommandWaitQuery({ waitTimeout: 10 }));
  await rest.command.update(new Command({
    id: inserted.id, deviceId: 'compat-rest-c', status: 'done', result: { ok: true },
  }));
  const result = await waiting;
  assert.equal(result.status, 'done');
  assert.deepEqual(result.result, { ok: true });
  const got = await rest.command.get('compat-rest-c', inserted.id);
  assert.equal(got.command, 'reboot');
  const listed = await rest.command.list(new CommandListQuery({ deviceId: 'compat-rest-c', status: 'done' }));
  assert.deepEqual(listed.map((c) => c.id), [inserted.id]);
  const polled = await rest.command.poll(new CommandPollQuery({
    deviceId: 'compat-rest-c', timestamp: '2000-01-01T00:00:00.000', waitTimeout: 0,
  }));
  assert.deepEqual(polled.map((c) => c.id), [inserted.id]);
});

test('WebSocket: metadata calls go over the socket', async () => {
  const networks = await ws.network.list(new NetworkListQuery());
  assert.ok(networks.some((n) => n.id === 1));
  await ws.device.add(new Device({ id: 'compat-ws-meta', name: 'over ws', networkId: 1 }));
  assert.equal((await ws.device.get('compat-ws-meta')).name, 'over ws');
});

test('WebSocket: a subscriber receives notifications inserted over REST', async () => {
  await registerDevice('compat-ws-n');
  const { subscriptionId } = await ws.notification.subscribe(
    new NotificationPollQuery({ deviceId: 'compat-ws-n' }));
  const received = nextMessage(ws, (m) => m.notification === 'from-rest');
  await rest.notification.insert('compat-ws-n',
    new Notification({ notification: 'from-rest', parameters: { n: 1 } }));
  const message = await received;
  assert.deepEqual(message.parameters, { n: 1 });
  await ws.notification.unsubscribe(subscriptionId);
});

test('WebSocket: a command goes to the device, the device answers, the client sees the update', async () => {
  await registerDevice('compat-ws-c');
  const device = await connect(`ws://127.0.0.1:${server.port}/api/websocket`);
  try {
    await device.command.subscribe(new CommandPollQuery({ deviceId: 'compat-ws-c' }));
    await ws.command.subscribe(new CommandPollQuery({ deviceId: 'compat-ws-c', returnUpdatedCommands: true }));
    const delivered = nextMessage(device, (m) => m.command === 'light-on');
    const inserted = await ws.command.insert('compat-ws-c', new Command({ command: 'light-on' }));
    const command = await delivered;
    assert.equal(command.id, inserted.id);
    const updated = nextMessage(ws, (m) => m.id === inserted.id && m.status === 'on');
    await device.command.update(new Command({ id: command.id, deviceId: 'compat-ws-c', status: 'on', result: { level: 100 } }));
    assert.deepEqual((await updated).result, { level: 100 });
  } finally {
    device.disconnect();
  }
});
