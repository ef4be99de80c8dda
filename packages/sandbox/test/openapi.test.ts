import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { toJsonSchemaDefs } from '@valibot/to-json-schema';
import * as v from 'valibot';
import { COMPONENT_SCHEMAS, DEMO, MemoryStore, OPERATIONS, createApp, seedIfEmpty, systemClock, type openApiDocument, type Operation, type SandboxApp } from '../src/index.js';
import { Api } from './api.js';

const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
const key = (method: string, path: string) => `${method.toUpperCase()} ${path}`;

describe('OpenAPI document', () => {
  let app: SandboxApp;
  let api: Api;
  let document: ReturnType<typeof openApiDocument>;

  before(async () => {
    const store = new MemoryStore();
    await seedIfEmpty(store, systemClock);
    app = createApp({ store });
    api = new Api(app);
    const response = await app.request('/openapi.json');
    assert.equal(response.status, 200);
    document = (await response.json()) as typeof document;
  });

  it('is OpenAPI 3.1 whose components are exactly the contract schemas converted by to-json-schema', () => {
    assert.equal(document.openapi, '3.1.0');
    const expected = JSON.parse(
      JSON.stringify(toJsonSchemaDefs(COMPONENT_SCHEMAS, { target: 'draft-2020-12', errorMode: 'ignore' })).replaceAll('#/$defs/', '#/components/schemas/'),
    );
    assert.deepEqual(document.components.schemas, expected);
  });

  it('resolves every $ref', () => {
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((match) => match[1]!);
    assert.ok(refs.length > 50);
    for (const name of refs) assert.ok(name in document.components.schemas, `missing component ${name}`);
  });

  it('documents every served route as implemented, and serves every implemented operation', () => {
    const served = new Set(app.routes.filter((route) => route.method !== 'ALL').map((route) => key(route.method, route.path)));
    const implemented = new Set(OPERATIONS.filter((op) => op.status === 'implemented').map((op) => key(op.method, honoPath(op.path))));
    assert.deepEqual([...served].sort(), [...implemented].sort());
    for (const op of OPERATIONS) {
      const documented = (document.paths[op.path] as Record<string, { 'x-kabinet-status': string }>)[op.method];
      assert.equal(documented?.['x-kabinet-status'], op.status, `${op.method} ${op.path}`);
    }
  });

  it('leaves planned operations unrouted (404, not 501)', async () => {
    for (const op of OPERATIONS.filter((operation) => operation.status === 'planned')) {
      const path = op.path.replace('{msisdn}', '79161234567').replace(/\{\w+\}/g, 'x');
      const response = await app.request(path, { method: op.method.toUpperCase() });
      assert.equal(response.status, 404, `${op.method} ${op.path} answered ${response.status}`);
    }
  });

  it('describes what every implemented operation actually answers', async () => {
    const session = await api.signIn(DEMO.primary);
    let topUpToken = '';
    let topUpId = '';
    let partnerSessionId = '';
    const calls: Record<string, () => Promise<Response>> = {
      'GET /healthz': () => api.request('/healthz'),
      'GET /openapi.json': () => api.request('/openapi.json'),
      'POST /v1/auth/otp': async () => {
        await api.advance('PT61S');
        return api.request('/v1/auth/otp', { body: { phone: DEMO.primary } });
      },
      'POST /v1/auth/otp/verify': async () => {
        await api.advance('PT61S');
        const challenge = await api.requestCode(DEMO.zeroBalance);
        return api.request('/v1/auth/otp/verify', { body: { challengeId: challenge.challengeId, code: await api.latestCode(DEMO.zeroBalance) } });
      },
      'GET /v1/me': () => api.request('/v1/me', { token: session.token }),
      'GET /v1/numbers/{msisdn}/balance': () => api.request('/v1/numbers/79161234567/balance', { token: session.token }),
      'GET /v1/tariffs': () => api.request('/v1/tariffs?msisdn=79161234567', { token: session.token }),
      'GET /v1/numbers/{msisdn}/tariff': () => api.request('/v1/numbers/79161234567/tariff', { token: session.token }),
      'POST /v1/numbers/{msisdn}/tariff-changes': () =>
        api.request('/v1/numbers/79161234567/tariff-changes', { body: { tariffId: 'moy-smart' }, token: session.token, headers: { 'idempotency-key': 'openapi-test' } }),
      'POST /v1/links/otp': () => api.request('/v1/links/otp', { token: session.token, body: { phone: DEMO.linkable } }),
      'POST /v1/links': async () => {
        await api.advance('PT61S');
        return api.request('/v1/links', { token: session.token, body: { phone: DEMO.linkable, challengeId: (await api.requestCode(DEMO.linkable)).challengeId, code: await api.latestCode(DEMO.linkable) } });
      },
      'PATCH /v1/links/{msisdn}': () => api.request('/v1/links/79167654321', { method: 'PATCH', token: session.token, body: { label: 'Daughter' } }),
      'DELETE /v1/links/{msisdn}': () => api.request('/v1/links/79161110001', { method: 'DELETE', token: session.token }),
      // top-ups: a card token pays one 3-D Secure top-up, whose challenge is then read and answered
      'POST /v1/card-tokens': async () => {
        const response = await api.request('/v1/card-tokens', { token: session.token, body: { number: '4000000000003220', expMonth: 12, expYear: 2099, cvc: '123' } });
        topUpToken = ((await response.clone().json()) as { id: string }).id;
        return response;
      },
      'POST /v1/top-ups': async () => {
        const response = await api.request('/v1/top-ups', { token: session.token, headers: { 'idempotency-key': 'openapi-top-up' }, body: { msisdn: DEMO.primary, amount: { amount: 10000, currency: 'RUB' }, source: { type: 'card', token: topUpToken } } });
        topUpId = ((await response.clone().json()) as { id: string }).id;
        return response;
      },
      'GET /v1/top-ups': () => api.request('/v1/top-ups', { token: session.token }),
      'GET /v1/top-ups/{id}': () => api.request(`/v1/top-ups/${topUpId}`, { token: session.token }),
      'GET /sandbox/3ds/{id}': () => api.request(`/sandbox/3ds/${topUpId}`),
      'GET /sandbox/3ds.js': () => api.request('/sandbox/3ds.js'),
      'GET /sandbox/3ds.css': () => api.request('/sandbox/3ds.css'),
      'POST /sandbox/3ds/{id}': () => api.request(`/sandbox/3ds/${topUpId}`, { body: { outcome: 'approve' } }),
      'POST /v1/partner/sessions': async () => {
        const response = await api.request('/v1/partner/sessions', { token: DEMO.secretKey, body: { msisdn: DEMO.primary, scopes: ['balance:read'] } });
        partnerSessionId = ((await response.clone().json()) as { id: string }).id;
        return response;
      },
      'POST /v1/partner/sessions/{id}/refresh': () => api.request(`/v1/partner/sessions/${partnerSessionId}/refresh`, { method: 'POST', token: DEMO.secretKey }),
      'POST /v1/auth/logout': () => api.request('/v1/auth/logout', { method: 'POST', token: session.token }),
      'GET /sandbox/sms': () => api.request('/sandbox/sms?to=79161234567'),
      'GET /sandbox/clock': () => api.request('/sandbox/clock'),
      'POST /sandbox/clock': () => api.request('/sandbox/clock', { body: { advance: 'PT1S' } }),
      'GET /sandbox/faults': () => api.request('/sandbox/faults'),
      'POST /sandbox/faults': () => api.request('/sandbox/faults', { body: { latencyMs: 0 } }),
      'POST /sandbox/reset': () => api.request('/sandbox/reset', { method: 'POST' }),
    };
    const implemented = OPERATIONS.filter((op) => op.status === 'implemented');
    assert.deepEqual(Object.keys(calls).sort(), implemented.map((op) => key(op.method, op.path)).sort());
    // In the order of `calls`: logout comes after the calls that need the session.
    for (const [name, call] of Object.entries(calls)) {
      const op = implemented.find((operation) => key(operation.method, operation.path) === name) as Operation;
      const response = await call();
      const text = await response.text();
      assert.equal(response.status, op.success.status, `${op.method} ${op.path}: ${text}`);
      if (!op.success.schema) continue;
      const schema = COMPONENT_SCHEMAS[op.success.schema];
      const result = v.safeParse(op.success.array ? v.array(schema) : schema, JSON.parse(text));
      assert.ok(result.success, `${op.method} ${op.path} does not match ${op.success.schema}`);
    }
  });
});
