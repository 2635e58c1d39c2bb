// Starts the built devicehive binary on free loopback ports (HTTP and MQTT) with a fresh data
// directory, for one test file. DH_SERVER_BINARY names the binary (set by CTest).
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SECRET = 'devicehive';
const ADMIN = { login: 'dhadmin', password: 'dhadmin_#911' };

// The port file as {http, mqtt}, once the server has written all of it.
async function readPorts(portFile) {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      return JSON.parse(fs.readFileSync(portFile, 'utf8'));
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

async function startServer({ args = [], env = {} } = {}) {
  const binary = process.env.DH_SERVER_BINARY;
  if (!binary) throw new Error('DH_SERVER_BINARY is not set');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dh-compat-'));
  const portFile = path.join(dir, 'ports.json');
  const log = fs.openSync(path.join(dir, 'server.log'), 'w');
  const child = spawn(binary, [
    '--http-address', '127.0.0.1', '--http-port', '0', '--mqtt-port', '0', '--data-dir', path.join(dir, 'data'),
    '--port-file', portFile, '--log-level', 'debug', ...args,
  ], { env: { ...process.env, JWT_SECRET: SECRET, ...env }, stdio: ['ignore', log, log] });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? 15 : 0))));

  const deadline = Date.now() + 20000;
  while (!fs.existsSync(portFile)) {
    if (Date.now() > deadline || child.exitCode !== null) {
      throw new Error('server did not start:\n' + fs.readFileSync(path.join(dir, 'server.log'), 'utf8'));
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const { http, mqtt } = await readPorts(portFile);
  let finalLog = null;
  const readLog = () => finalLog ?? fs.readFileSync(path.join(dir, 'server.log'), 'utf8');
  return {
    port: http,
    mqttPort: mqtt,
    mqttUrl: `mqtt://127.0.0.1:${mqtt}`,
    mainUrl: `http://127.0.0.1:${http}/api/rest`,
    authUrl: `http://127.0.0.1:${http}/auth/rest`,
    log: readLog,
    // Stops with SIGTERM; resolves to the exit code (0 for a clean shutdown).
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      finalLog = readLog();
      fs.rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}

module.exports = { startServer, SECRET, ADMIN };
