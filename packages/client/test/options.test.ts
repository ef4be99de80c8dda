import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createClient, createIdempotencyKey, type ClientOptions } from '../src/index.js';

describe('createClient options', () => {
  it('refuses a relative base URL at start-up rather than on the first click', () => {
    assert.throws(() => createClient({ baseUrl: '/api', auth: { type: 'otp' } }), TypeError);
  });
  it('refuses an auth mode without its token or key', () => {
    assert.throws(() => createClient({ baseUrl: 'http://127.0.0.1:8787', auth: { type: 'session', token: '' } }), TypeError);
    assert.throws(() => createClient({ baseUrl: 'http://127.0.0.1:8787', auth: { type: 'publishable' } } as unknown as ClientOptions), TypeError);
    assert.throws(() => createClient({ baseUrl: 'http://127.0.0.1:8787' } as unknown as ClientOptions), TypeError);
  });
  it('starts anonymous with otp and publishable auth, signed in with a session token', () => {
    const base = 'http://127.0.0.1:8787';
    assert.equal(createClient({ baseUrl: base, auth: { type: 'otp' } }).session.status, 'anonymous');
    assert.equal(createClient({ baseUrl: base, auth: { type: 'publishable', key: 'pk_test_demo' } }).session.status, 'anonymous');
    assert.equal(createClient({ baseUrl: base, auth: { type: 'session', token: 't' } }).session.status, 'signed-in');
  });
});

describe('createIdempotencyKey', () => {
  it('makes a new random UUID for every intent', () => {
    const a = createIdempotencyKey();
    assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.notEqual(a, createIdempotencyKey());
  });
});
