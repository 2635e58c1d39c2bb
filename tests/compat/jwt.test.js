// Token compatibility, checked with Node's own crypto (not the server's code): a token a
// DeviceHive server would mint with JWT_SECRET=devicehive is accepted, and the server's tokens
// verify with DeviceHive's key rule. The key is the JAXB lenient Base64 decoding of the secret:
// "devicehive" -> 75 eb e2 71 e8 62 (the trailing partial group "ve" is dropped).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { startServer, ADMIN } = require('./server');

const KEY = Buffer.from('75ebe271e862', 'hex');
let server;

function b64url(buffer) {
  return Buffer.from(buffer).toString('base64').replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

function sign(payload, { alg = 'HS256', key = KEY } = {}) {
  const head = b64url(JSON.stringify({ alg })) + '.' + b64url(JSON.stringify({ payload }));
  if (alg === 'none') return head + '.';
  return head + '.' + b64url(crypto.createHmac('sha256', key).update(head).digest());
}

async function getDevices(token) {
  const response = await fetch(`${server.mainUrl}/device`, { headers: { Authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

before(async () => { server = await startServer(); });
after(async () => { assert.equal(await server.stop(), 0, server.log()); });

test('a token signed outside the server with the DeviceHive key rule is accepted', async () => {
  const token = sign({ u: 1, a: [0], n: ['*'], dt: ['*'], e: Date.now() + 60000, t: 1 });
  const { status, body } = await getDevices(token);
  assert.equal(status, 200);
  assert.ok(body.some((d) => d.id === 'e50d6085-2aba-48e9-b1c3-73c673e414be'));
});

test('the server signs its tokens with the same key', async () => {
  const response = await fetch(`${server.authUrl}/token`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(ADMIN),
  });
  assert.equal(response.status, 201);
  const { accessToken, refreshToken } = await response.json();
  for (const token of [accessToken, refreshToken]) {
    const [header, claims, signature] = token.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(header, 'base64url')), { alg: 'HS256' });
    const expected = b64url(crypto.createHmac('sha256', KEY).update(`${header}.${claims}`).digest());
    assert.equal(signature, expected);
  }
  const access = JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url')).payload;
  assert.deepEqual({ u: access.u, a: access.a, n: access.n, dt: access.dt, t: access.t },
    { u: 1, a: [0], n: ['*'], dt: ['*'], t: 1 });
  assert.ok(access.e > Date.now() + 29 * 60 * 1000 && access.e <= Date.now() + 30 * 60 * 1000);
});

test('expired, refresh-type, unsigned and wrongly keyed tokens are refused with 401', async () => {
  const base = { u: 1, a: [0], n: ['*'], dt: ['*'], e: Date.now() + 60000, t: 1 };
  const expired = await getDevices(sign({ ...base, e: Date.now() - 1000 }));
  assert.equal(expired.status, 401);
  assert.equal(expired.body.message, 'Token expired');
  for (const token of [
    sign({ ...base, t: 0 }),
    sign(base, { alg: 'none' }),
    sign(base, { key: Buffer.from('devicehive') }),
  ]) {
    const { status, body } = await getDevices(token);
    assert.equal(status, 401);
    assert.equal(body.message, 'Unauthorized');
  }
});
