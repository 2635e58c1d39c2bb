// A minimal DeviceHive plugin on the unchanged npm devicehive-plugin-core 1.1.4, run as a child
// process by plugin.test.js (plugin-core calls process.exit() when its socket closes).
//
// Configuration is plugin-core's own: the keys below, each overridden by an environment variable
// `PLUGIN.<KEY>` (e.g. `PLUGIN.DEVICE_HIVE_PLUGIN_WS_ENDPOINT`, `PLUGIN.PLUGIN_ACCESS_TOKEN`); a
// JSON object given as the first argument overrides the defaults too.
//
// Output: one JSON line per event on stdout: {"event":"started","topic":...} after start, and
// {"event":"message","message":{id,type,action,status,srcTopic,payload}} for every message
// handleMessage() gets. Errors go to stderr.
'use strict';

const { DeviceHivePlugin } = require('devicehive-plugin-core');

const config = {
  DEVICE_HIVE_PLUGIN_WS_ENDPOINT: '',
  PLUGIN_ACCESS_TOKEN: '',
  AUTO_SUBSCRIPTION_ON_START: true,
  SUBSCRIPTION_GROUP: '',
  ...(process.argv[2] ? JSON.parse(process.argv[2]) : {}),
};

// plugin-core hands out class instances whose fields are `_name` behind getters.
function plain(value) {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(plain);
  const out = {};
  for (const [key, field] of Object.entries(value)) out[key.replace(/^_/, '')] = plain(field);
  return out;
}

function emit(line) {
  process.stdout.write(JSON.stringify(line) + '\n');
}

class EchoPlugin extends DeviceHivePlugin {
  afterStart() {
    emit({ event: 'started', topic: this.topic, subscribed: this.isSubscribed });
  }

  handleMessage(message) {
    emit({ event: 'message', message: plain(message) });
  }

  beforeStop() {
    emit({ event: 'stopping' });
  }

  onError(error) {
    process.stderr.write(`plugin error: ${error && error.stack ? error.stack : error}\n`);
  }
}

DeviceHivePlugin.start(new EchoPlugin(), config);
