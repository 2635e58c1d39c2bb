// A plugin built on the unchanged npm devicehive-plugin-core 1.1.4 (plugin_child.js, run as a
// child process) against devicehive-cpp: registered over REST at /plugin/rest, connected to the
// plugin proxy at /plugin/proxy, it must receive exactly the events its filter names, whether
// they were inserted over REST or over the WebSocket API (npm devicehive 2.1.0), and its status
// must follow its connection (ACTIVE while connected, INACTIVE after it goes away).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');
const DeviceHive = require('devicehive');
const { startServer, ADMIN } = require('./server');

const { Notification, Command } = DeviceHive.models;

const WAIT_MS = 5000;

let server;
let token;   // the admin's access token
let ws;      // the admin over the WebSocket API
const children = new Set();

async function call(method, url, body, bearer = token) {
  const response = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function ok(method, url, body, expected) {
  const reply = await call(method, url, body);
  assert.equal(reply.status, expected, `${method} ${url}: ${JSON.stringify(reply.body)}`);
  return reply.body;
}

const pluginUrl = (query) => `http://127.0.0.1:${server.port}/plugin/rest/plugin?${query}`;

async function addDevice(id) {
  await ok('PUT', `${server.mainUrl}/device/${id}`, { name: id, networkId: 1, deviceTypeId: 1 }, 204);
}

async function restNotification(deviceId, notification) {
  return ok('POST', `${server.mainUrl}/device/${deviceId}/notification`, { notification, parameters: { via: 'rest' } }, 201);
}

async function restCommand(deviceId, command) {
  return ok('POST', `${server.mainUrl}/device/${deviceId}/command`, { command, parameters: { via: 'rest' } }, 201);
}

async function restCommandUpdate(deviceId, id, status, result) {
  await ok('PUT', `${server.mainUrl}/device/${deviceId}/command/${id}`, { status, result }, 204);
}

async function register(name, query) {
  const registered = await ok('POST', pluginUrl(query), { name, description: 'compat test plugin' }, 201);
  assert.equal(registered.proxyEndpoint, `ws://127.0.0.1:${server.port}/plugin/proxy`);
  assert.match(registered.topicName, /^plugin_topic_[0-9a-f-]{36}$/);
  return registered;
}

async function pluginStatus(topicName) {
  const list = await ok('GET', pluginUrl(`topicName=${topicName}`), undefined, 200);
  assert.equal(list.length, 1);
  return list[0].status;
}

async function until(condition, what, ms = WAIT_MS) {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

// The plugin process: its stdout lines (JSON), stderr and exit.
class PluginChild {
  constructor({ proxyEndpoint, accessToken, group = '' }) {
    const env = Object.fromEntries(Object.entries(process.env)
      .filter(([key]) => !/^plugin\./i.test(key) && key !== 'ENVSEPARATOR'));
    Object.assign(env, {
      'PLUGIN.DEVICE_HIVE_PLUGIN_WS_ENDPOINT': proxyEndpoint,
      'PLUGIN.PLUGIN_ACCESS_TOKEN': accessToken,
      'PLUGIN.AUTO_SUBSCRIPTION_ON_START': 'true',
      'PLUGIN.SUBSCRIPTION_GROUP': group,
    });
    this.lines = [];
    this.stderr = '';
    this.waiters = [];
    this.process = spawn(process.execPath, [path.join(__dirname, 'plugin_child.js')],
      { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(this);
    this.exited = new Promise((resolve) => this.process.on('exit', (code, signal) => {
      children.delete(this);
      resolve({ code, signal });
    }));
    this.process.stderr.setEncoding('utf8');
    this.process.stderr.on('data', (chunk) => { this.stderr += chunk; });
    readline.createInterface({ input: this.process.stdout }).on('line', (line) => {
      try {
        this.lines.push(JSON.parse(line));
      } catch {
        this.stderr += `stdout: ${line}\n`;  // plugin-core itself logs some errors with console.log
        return;
      }
      this.waiters = this.waiters.filter((check) => !check());
    });
  }

  // Every message handleMessage() got so far.
  get messages() {
    return this.lines.filter((line) => line.event === 'message').map((line) => line.message);
  }

  // Resolves with the first line, past or future, that satisfies `accept`.
  waitFor(accept, what, ms = WAIT_MS) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`plugin: no ${what} within ${ms} ms; stdout ${JSON.stringify(this.lines)}; stderr ${this.stderr}`));
      }, ms);
      const check = () => {
        const found = this.lines.find(accept);
        if (!found) return false;
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      if (!check()) this.waiters.push(check);
    });
  }

  // Resolves with the parsed bus Response of the first event satisfying `accept(response.b)`.
  async event(accept, what) {
    const line = await this.waitFor((l) => l.event === 'message' && l.message.type === 'notif' &&
      accept(JSON.parse(l.message.payload.message).b), what);
    return JSON.parse(line.message.payload.message);
  }

  // SIGTERM (no WebSocket close frame: the server sees the TCP connection end), then SIGKILL.
  async kill() {
    if (this.process.exitCode === null && this.process.signalCode === null) {
      this.process.kill('SIGTERM');
      const timer = setTimeout(() => this.process.kill('SIGKILL'), WAIT_MS);
      await this.exited;
      clearTimeout(timer);
    }
  }
}

// Starts a plugin and waits for afterStart(); the plugin is then subscribed to its topic.
async function startPlugin(registered, group) {
  const child = new PluginChild({ ...registered, group });
  const started = await child.waitFor((l) => l.event === 'started', 'afterStart()');
  assert.equal(started.topic, registered.topicName);
  assert.equal(started.subscribed, true);
  return child;
}

// Every message the plugin got must be a delivered event from its own topic.
function assertOnlyEvents(child, topicName) {
  for (const message of child.messages) {
    assert.equal(message.type, 'notif', JSON.stringify(message));
    assert.equal(message.status, 0);
    assert.equal(message.srcTopic, topicName);
    assert.equal(message.id, undefined);
    assert.equal(message.action, undefined);
    const response = JSON.parse(message.payload.message);
    assert.equal(response.l, false);
    assert.equal(response.err, 0);
    assert.equal(response.fld, false);
    assert.equal(typeof response.cId, 'string');
  }
}

function eventsOf(child) {
  return child.messages.map((m) => JSON.parse(m.payload.message).b);
}

before(async () => {
  server = await startServer();
  ({ accessToken: token } = await ok('POST', `${server.authUrl}/token`, ADMIN, 201));
  ws = await new DeviceHive({
    ...ADMIN, mainServiceURL: `ws://127.0.0.1:${server.port}/api/websocket`, authServiceURL: server.authUrl,
  }).connect();
});

after(async () => {
  await Promise.all([...children].map((child) => child.kill()));
  if (ws) ws.disconnect();
  assert.equal(await server.stop(), 0, server.log());
});

test('a notification plugin gets exactly the notifications its filter names', { timeout: 30000 }, async () => {
  await addDevice('plugin-n-a');
  await addDevice('plugin-n-b');
  const registered = await register('compat-notif',
    'returnNotifications=true&deviceId=plugin-n-a&names=temp');
  assert.equal(await pluginStatus(registered.topicName), 'CREATED');
  const child = await startPlugin(registered);
  try {
    // plugin/authenticate is answered once the plugin's subscriptions are in place.
    assert.equal(await pluginStatus(registered.topicName), 'ACTIVE');

    // Non-matching events first (other name, other device, a command), then the matching one.
    await restNotification('plugin-n-a', 'humidity');
    await restNotification('plugin-n-b', 'temp');
    await restCommand('plugin-n-a', 'temp');
    const viaRest = await restNotification('plugin-n-a', 'temp');
    const first = await child.event((b) => b.notification && b.notification.id === viaRest.id, 'REST temp notification');
    assert.equal(first.b.a, 10);
    assert.equal(first.b.notification.notification, 'temp');
    assert.equal(first.b.notification.deviceId, 'plugin-n-a');
    assert.equal(first.b.notification.networkId, 1);
    assert.equal(first.b.notification.deviceTypeId, 1);
    assert.deepEqual(first.b.notification.parameters, { via: 'rest' });
    assert.match(first.b.notification.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);

    // The same over the WebSocket API.
    await ws.notification.insert('plugin-n-a', new Notification({ notification: 'humidity', parameters: { via: 'ws' } }));
    await ws.notification.insert('plugin-n-b', new Notification({ notification: 'temp', parameters: { via: 'ws' } }));
    await ws.command.insert('plugin-n-a', new Command({ command: 'temp' }));
    const viaWs = await ws.notification.insert('plugin-n-a', new Notification({ notification: 'temp', parameters: { via: 'ws' } }));
    const second = await child.event((b) => b.notification && b.notification.id === viaWs.id, 'WS temp notification');
    assert.deepEqual(second.b.notification.parameters, { via: 'ws' });

    assertOnlyEvents(child, registered.topicName);
    assert.deepEqual(eventsOf(child).map((b) => [b.notification.id, b.notification.notification, b.notification.deviceId]),
      [[viaRest.id, 'temp', 'plugin-n-a'], [viaWs.id, 'temp', 'plugin-n-a']]);
  } finally {
    await child.kill();
  }
  await until(async () => (await pluginStatus(registered.topicName)) === 'INACTIVE', 'status INACTIVE');
});

test('a command plugin gets new commands and their updates, marked by isUpdated', { timeout: 30000 }, async () => {
  await addDevice('plugin-c-a');
  await addDevice('plugin-c-b');
  const registered = await register('compat-cmd',
    'returnCommands=true&returnUpdatedCommands=true&deviceId=plugin-c-a');
  // With a subscription group, which plugin-core sends as `sg`.
  const child = await startPlugin(registered, 'grp1');
  try {
    assert.equal(await pluginStatus(registered.topicName), 'ACTIVE');

    // Over REST: noise on the other device and a notification, then a command and its update.
    const other = await restCommand('plugin-c-b', 'reboot');
    await restCommandUpdate('plugin-c-b', other.id, 'done', { ok: true });
    await restNotification('plugin-c-a', 'reboot');
    const viaRest = await restCommand('plugin-c-a', 'reboot');
    const created = await child.event((b) => b.command && b.command.id === viaRest.id && !b.command.isUpdated, 'REST command');
    assert.equal(created.b.a, 21);
    assert.equal(created.b.command.isUpdated, false);
    assert.equal(created.b.command.command, 'reboot');
    assert.equal(created.b.command.deviceId, 'plugin-c-a');
    assert.deepEqual(created.b.command.parameters, { via: 'rest' });
    await restCommandUpdate('plugin-c-a', viaRest.id, 'done', { ok: true });
    const updated = await child.event((b) => b.command && b.command.id === viaRest.id && b.command.isUpdated, 'REST command update');
    assert.equal(updated.b.a, 23);
    assert.equal(updated.b.command.status, 'done');
    assert.deepEqual(updated.b.command.result, { ok: true });

    // Over the WebSocket API: command/insert and command/update.
    const otherWs = await ws.command.insert('plugin-c-b', new Command({ command: 'light-on' }));
    await ws.command.update(new Command({ id: otherWs.id, deviceId: 'plugin-c-b', status: 'on' }));
    const viaWs = await ws.command.insert('plugin-c-a', new Command({ command: 'light-on', parameters: { via: 'ws' } }));
    const wsCreated = await child.event((b) => b.command && b.command.id === viaWs.id && !b.command.isUpdated, 'WS command');
    assert.equal(wsCreated.b.command.command, 'light-on');
    await ws.command.update(new Command({ id: viaWs.id, deviceId: 'plugin-c-a', status: 'on', result: { level: 100 } }));
    const wsUpdated = await child.event((b) => b.command && b.command.id === viaWs.id && b.command.isUpdated, 'WS command update');
    assert.equal(wsUpdated.b.command.status, 'on');
    assert.deepEqual(wsUpdated.b.command.result, { level: 100 });

    assertOnlyEvents(child, registered.topicName);
    assert.deepEqual(eventsOf(child).map((b) => [b.a, b.command.id, b.command.deviceId, b.command.isUpdated]), [
      [21, viaRest.id, 'plugin-c-a', false], [23, viaRest.id, 'plugin-c-a', true],
      [21, viaWs.id, 'plugin-c-a', false], [23, viaWs.id, 'plugin-c-a', true],
    ]);
  } finally {
    await child.kill();
  }
  await until(async () => (await pluginStatus(registered.topicName)) === 'INACTIVE', 'status INACTIVE');
});

test('a plugin with a bad token gets onError and its plugin stays CREATED', { timeout: 30000 }, async () => {
  const registered = await register('compat-bad', 'returnNotifications=true');
  const child = new PluginChild({ ...registered, accessToken: registered.refreshToken });
  try {
    await until(() => /plugin error: /.test(child.stderr), 'onError()');
    assert.equal(child.lines.some((l) => l.event === 'started'), false);
    assert.equal(await pluginStatus(registered.topicName), 'CREATED');
  } finally {
    await child.kill();
  }
});
