// The npm MQTT client (mqtt 4.3.7, MQTT 3.1.1) against devicehive-cpp's broker: plain topics at
// every QoS, retained messages, the last will, and QoS 1 and 2 across dropped connections with
// persistent sessions (clean: false); MQTT over WebSocket at ws://<host>:<http port>/mqtt.
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const mqtt = require('mqtt');
const DeviceHive = require('devicehive');
const { startServer, ADMIN } = require('./server');

let server;
const clients = [];

// Connects to `url` (the TCP port by default) with `options` (MQTT 3.1.1, no automatic reconnect unless asked); resolves with the
// client and its CONNACK.
function connect({ url, ...options } = {}) {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url ?? server.mqttUrl, {
      protocolVersion: 4, reconnectPeriod: 0, connectTimeout: 10000, ...options,
    });
    clients.push(client);
    client.once('connect', (connack) => resolve({ client, connack }));
    client.once('error', reject);
  });
}

// Resolves with the next message on `topic` as { topic, payload (string), packet }, or rejects
// after 10 s.
function nextMessage(client, topic) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.removeListener('message', listener);
      reject(new Error(`no message on ${topic} within 10 s`));
    }, 10000);
    function listener(got, payload, packet) {
      if (got !== topic) return;
      clearTimeout(timer);
      client.removeListener('message', listener);
      resolve({ topic: got, payload: payload.toString(), packet });
    }
    client.on('message', listener);
  });
}

// Collects `count` messages on `topic` as { payload, qos, dup, messageId }, in the order the client
// emits them (QoS 2 ones only once their PUBREL came, so later than a QoS 1 one sent after).
function messages(client, topic, count) {
  return new Promise((resolve, reject) => {
    const got = [];
    const timer = setTimeout(() => {
      client.removeListener('message', listener);
      reject(new Error(`${got.length} of ${count} messages on ${topic} within 10 s`));
    }, 10000);
    function listener(t, payload, packet) {
      if (t !== topic) return;
      got.push({
        payload: payload.toString(), qos: packet.qos, dup: packet.dup, messageId: packet.messageId,
      });
      if (got.length < count) return;
      clearTimeout(timer);
      client.removeListener('message', listener);
      resolve(got);
    }
    client.on('message', listener);
  });
}

function subscribe(client, filter, qos) {
  return new Promise((resolve, reject) => {
    client.subscribe(filter, { qos }, (err, granted) => (err ? reject(err) : resolve(granted)));
  });
}

// Resolves once the QoS flow is complete (PUBACK or PUBCOMP; at once for QoS 0).
function publish(client, topic, payload, options = {}) {
  return new Promise((resolve, reject) => {
    client.publish(topic, payload, options, (err) => (err ? reject(err) : resolve()));
  });
}

function end(client, force = false) {
  return new Promise((resolve) => client.end(force, {}, resolve));
}

// Drops the TCP connection without DISCONNECT; resolves once the client saw it close.
function drop(client) {
  return new Promise((resolve) => {
    client.once('close', resolve);
    client.stream.destroy();
  });
}

before(async () => {
  server = await startServer();
});

after(async () => {
  await Promise.all(clients.map((client) => end(client, true)));
  assert.equal(await server.stop(), 0, server.log());
});

test('messages on plain topics at QoS 0, 1 and 2, through a wildcard filter', async () => {
  const { client: subscriber } = await connect({ clientId: 'node-plain-sub' });
  const granted = await subscribe(subscriber, 'node/plain/+', 2);
  assert.deepEqual(granted.map((g) => g.qos), [2]);
  const { client: publisher } = await connect({ clientId: 'node-plain-pub' });

  for (const qos of [0, 1, 2]) {
    const arrived = nextMessage(subscriber, `node/plain/q${qos}`);
    await publish(publisher, `node/plain/q${qos}`, `at ${qos}`, { qos });
    const message = await arrived;
    assert.equal(message.payload, `at ${qos}`);
    assert.equal(message.packet.qos, qos);
    assert.equal(message.packet.retain, false);
  }
});

test('a retained message reaches later subscribers until an empty one clears it', async () => {
  const { client: publisher } = await connect({ clientId: 'node-retain-pub' });
  const { client: live } = await connect({ clientId: 'node-retain-live' });
  await subscribe(live, 'node/retained', 1);
  const forwarded = nextMessage(live, 'node/retained');
  await publish(publisher, 'node/retained', 'kept', { qos: 1, retain: true });
  assert.equal((await forwarded).packet.retain, false, 'live subscribers get RETAIN 0');

  const { client: late } = await connect({ clientId: 'node-retain-late' });
  const stored = nextMessage(late, 'node/retained');
  await subscribe(late, 'node/retained', 1);
  const message = await stored;
  assert.equal(message.payload, 'kept');
  assert.equal(message.packet.retain, true);

  await publish(publisher, 'node/retained', '', { qos: 1, retain: true });
  const { client: cleared } = await connect({ clientId: 'node-retain-after' });
  const first = nextMessage(cleared, 'node/retained');
  await subscribe(cleared, 'node/retained', 1);
  await publish(publisher, 'node/retained', 'live', { qos: 1 });
  assert.equal((await first).payload, 'live', 'nothing retained is left');
});

test('the will is published when the connection drops, not after end()', async () => {
  const { client: watcher } = await connect({ clientId: 'node-will-watcher' });
  await subscribe(watcher, 'node/will', 1);

  const will = { topic: 'node/will', payload: 'connection lost', qos: 1, retain: false };
  const { client: dying } = await connect({ clientId: 'node-will-dying', will });
  const published = nextMessage(watcher, 'node/will');
  await drop(dying);
  const message = await published;
  assert.equal(message.payload, 'connection lost');
  assert.equal(message.packet.qos, 1);

  const { client: polite } = await connect({
    clientId: 'node-will-polite', will: { ...will, payload: 'should not appear' },
  });
  await end(polite);
  const { client: marker } = await connect({ clientId: 'node-will-marker' });
  const next = nextMessage(watcher, 'node/will');
  await publish(marker, 'node/will', 'marker', { qos: 1 });
  assert.equal((await next).payload, 'marker');
});

test('QoS 1 and 2 messages queued while a persistent client was away arrive after it reconnects',
  async () => {
    const options = { clientId: 'node-persistent-sub', clean: false };
    const { client: subscriber, connack } = await connect(options);
    assert.equal(connack.sessionPresent, false);
    await subscribe(subscriber, 'node/persistent', 2);
    await drop(subscriber);

    const { client: publisher } = await connect({ clientId: 'node-persistent-pub' });
    await publish(publisher, 'node/persistent', 'one', { qos: 1 });
    await publish(publisher, 'node/persistent', 'two', { qos: 2 });
    await publish(publisher, 'node/persistent', 'lost', { qos: 0 });  // not queued
    await publish(publisher, 'node/persistent', 'three', { qos: 1 });

    // The same client reconnects; it does not subscribe again (clean: false keeps the session).
    const arrived = messages(subscriber, 'node/persistent', 3);
    const reconnected = new Promise((resolve) => subscriber.once('connect', resolve));
    subscriber.reconnect();
    assert.equal((await reconnected).sessionPresent, true);
    // The server sent them in publish order: their packet ids say so.
    const got = (await arrived).sort((a, b) => a.messageId - b.messageId);
    assert.deepEqual(got.map((m) => [m.payload, m.qos]), [['one', 1], ['two', 2], ['three', 1]]);
    assert.ok(got.every((m) => !m.dup), 'first deliveries, not resends: DUP clear');

    // And live messages keep coming on the resumed session.
    const live = nextMessage(subscriber, 'node/persistent');
    await publish(publisher, 'node/persistent', 'live', { qos: 2 });
    assert.equal((await live).payload, 'live');
  });

test('a QoS 2 publish cut off by a dropped connection is delivered exactly once', async () => {
  const { client: watcher } = await connect({ clientId: 'node-q2-watcher' });
  await subscribe(watcher, 'node/q2/#', 2);
  const { client: publisher } = await connect({
    clientId: 'node-q2-pub', clean: false, reconnectPeriod: 50,
  });
  const received = [];
  watcher.on('message', (topic, payload) => {
    if (topic === 'node/q2/data') received.push(payload.toString());
  });

  // The connection drops right behind the PUBLISH: its PUBREC (or the PUBLISH itself) is lost,
  // and the client finishes the flow from its store after reconnecting by itself.
  const completed = publish(publisher, 'node/q2/data', 'exactly once', { qos: 2 });
  publisher.stream.destroy();
  await completed;
  const marker = nextMessage(watcher, 'node/q2/end');
  await publish(publisher, 'node/q2/end', 'marker', { qos: 2 });
  await marker;
  assert.deepEqual(received, ['exactly once']);
});

test('MQTT over WebSocket at /mqtt shares the broker with TCP clients', async () => {
  const wsUrl = `ws://127.0.0.1:${server.port}/mqtt`;
  const { client: wsSubscriber } = await connect({ url: wsUrl, clientId: 'node-ws-sub' });
  await subscribe(wsSubscriber, 'node/ws/#', 1);
  const { client: tcpPublisher } = await connect({ clientId: 'node-ws-tcp-pub' });
  const toWs = nextMessage(wsSubscriber, 'node/ws/in');
  await publish(tcpPublisher, 'node/ws/in', 'from tcp', { qos: 1 });
  assert.equal((await toWs).payload, 'from tcp');

  const { client: tcpSubscriber } = await connect({ clientId: 'node-ws-tcp-sub' });
  await subscribe(tcpSubscriber, 'node/ws/out', 2);
  const { client: wsPublisher } = await connect({ url: wsUrl, clientId: 'node-ws-pub' });
  const toTcp = nextMessage(tcpSubscriber, 'node/ws/out');
  await publish(wsPublisher, 'node/ws/out', 'from websocket', { qos: 2 });
  const message = await toTcp;
  assert.equal(message.payload, 'from websocket');
  assert.equal(message.packet.qos, 2);
});

// DeviceHive topics end to end with real clients on both sides: an MQTT device (npm mqtt, an
// access token as its password) and a WebSocket client (npm devicehive).
test('DeviceHive topics: MQTT notifications reach a WebSocket client, its commands reach MQTT',
  async () => {
    const client = await new DeviceHive({
      ...ADMIN, mainServiceURL: `ws://127.0.0.1:${server.port}/api/websocket`,
      authServiceURL: server.authUrl,
    }).connect();
    try {
      await client.device.add(new DeviceHive.models.Device({
        id: 'node-mqtt-dev', name: 'node-mqtt-dev', networkId: 1, deviceTypeId: 1,
      }));
      const { accessToken } = await client.token.login(ADMIN.login, ADMIN.password);
      const { client: device } = await connect({
        clientId: 'node-mqtt-dev', username: 'device', password: accessToken,
      });
      const { NotificationPollQuery } = DeviceHive.models.query;
      await client.notification.subscribe(new NotificationPollQuery({ deviceId: 'node-mqtt-dev' }));
      const pushed = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no notification within 10 s')), 10000);
        client.on(DeviceHive.MESSAGE_EVENT, (message) => {
          if (message.notification !== 'temperature') return;
          clearTimeout(timer);
          resolve(message);
        });
      });
      await publish(device, 'dh/notification/1/1/node-mqtt-dev/temperature',
        JSON.stringify({ celsius: 21.5 }), { qos: 1 });
      const notification = await pushed;
      assert.equal(notification.deviceId, 'node-mqtt-dev');
      assert.deepEqual(notification.parameters, { celsius: 21.5 });

      const granted = await subscribe(device, 'dh/command/+/+/node-mqtt-dev/#', 0);
      assert.deepEqual(granted.map((g) => g.qos), [0]);
      const arrived = nextMessage(device, 'dh/command/1/1/node-mqtt-dev/reboot');
      await client.command.insert('node-mqtt-dev',
        new DeviceHive.models.Command({ command: 'reboot', parameters: { in: 5 } }));
      const push = JSON.parse((await arrived).payload);
      assert.equal(push.action, 'command/insert');
      assert.equal(push.command.command, 'reboot');
      assert.deepEqual(push.command.parameters, { in: 5 });
    } finally {
      client.disconnect();
    }
  });
