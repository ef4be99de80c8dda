import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  NetworkError,
  RefusedError,
  ServerError,
  ValidationError,
  cardBrand,
  createClient,
  formatCardNumber,
  isValidCardNumber,
  money,
  outcomeUnknown,
  type KabinetClient,
  type Msisdn,
} from '../src/index.js';
import { inProcessSandboxPerTest, recording, signIn } from './sandbox.js';

const PRIMARY: Msisdn = '+79161234567';
const card = (number: string) => ({ number, expMonth: 12, expYear: new Date().getUTCFullYear() + 1, cvc: '123' });

const sandbox = inProcessSandboxPerTest();

async function signedIn(fetch = sandbox.fetch): Promise<KabinetClient> {
  const client = createClient({ baseUrl: sandbox.baseUrl, auth: { type: 'otp' }, fetch, retry: 2 });
  await signIn(sandbox, client, PRIMARY);
  return client;
}

describe('cards', () => {
  it('recognizes Mir, Visa, Mastercard and UnionPay and groups the digits', () => {
    assert.equal(cardBrand('2200 0000 0000 0004'), 'mir');
    assert.equal(cardBrand('2204'), 'mir');
    assert.equal(cardBrand('4242'), 'visa');
    assert.equal(cardBrand('5555 5555'), 'mastercard');
    assert.equal(cardBrand('2221 00'), 'mastercard');
    assert.equal(cardBrand('6200 0000'), 'unionpay');
    assert.equal(cardBrand('9'), null);
    assert.equal(formatCardNumber('4242424242424242999'), '4242 4242 4242 4242 999');
    for (const number of ['4242 4242 4242 4242', '4000 0000 0000 0002', '4000 0000 0000 3220', '2200 0000 0000 0004']) assert.ok(isValidCardNumber(number), number);
    assert.ok(!isValidCardNumber('4242 4242 4242 4241'));
  });
});

describe('top-ups', () => {
  it('pays 100 ₽ by card and refreshes the balance everywhere', async () => {
    const client = await signedIn();
    const balance = client.store.balance(PRIMARY);
    const states: number[] = [];
    const stop = balance.subscribe((state) => state.data && states.push(state.data.balance.amount));
    await balance.load();
    const topUp = await client.topUps.intent().submit({ msisdn: PRIMARY, amount: money(10000), source: { type: 'card', card: card('4242 4242 4242 4242') } });
    assert.equal(topUp.status, 'succeeded');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual([...new Set(states)], [35000, 45000]);
    stop();
  });

  it('sends one key per intent on every retry, and a new key for the next intent', async () => {
    // Three answers in a row are lost on the way back (the client's own two retries included).
    let lose = 3;
    const lossy = recording(async (input, init) => {
      const request = new Request(input, init);
      const response = await sandbox.fetch(request);
      if (new URL(request.url).pathname === '/v1/top-ups' && lose-- > 0) throw new TypeError('connection reset');
      return response;
    });
    const keys: string[] = [];
    const client = await signedIn(async (input, init) => {
      const request = new Request(input, init);
      const key = request.headers.get('idempotency-key');
      if (key) keys.push(key);
      return lossy.fetch(request);
    });
    const intent = client.topUps.intent();
    const order = { msisdn: PRIMARY, amount: money(10000), source: { type: 'card' as const, card: card('4242 4242 4242 4242') } };
    await assert.rejects(intent.submit(order));
    const topUp = await intent.submit(order);
    assert.equal(topUp.status, 'succeeded');
    await client.topUps.intent().submit(order);
    assert.equal(keys.length, 5);
    assert.equal(new Set(keys.slice(0, 4)).size, 1, 'the same key on every retry of the intent');
    assert.notEqual(keys[4], keys[0]);
    assert.equal(lossy.count('POST', '/v1/card-tokens'), 2, 'one token per intent');
    assert.equal((await client.balance(PRIMARY)).balance.amount, 35000 + 20000);
  });

  it('keeps the intent unresolved while the outcome is unknown, so paying again charges once', async () => {
    // The operator carries the payment out, but the gateway in front of it answers 502, three times (the client's two retries included).
    let gatewayFails = 3;
    const client = await signedIn(async (input, init) => {
      const request = new Request(input, init);
      const response = await sandbox.fetch(request);
      if (request.method === 'POST' && new URL(request.url).pathname === '/v1/top-ups' && gatewayFails-- > 0) return new Response(null, { status: 502 });
      return response;
    });
    const intent = client.topUps.intent();
    const order = { msisdn: PRIMARY, amount: money(10000), source: { type: 'card' as const, card: card('4242 4242 4242 4242') } };
    assert.equal(intent.unresolved, false);
    await assert.rejects(intent.submit(order), ServerError);
    assert.equal(intent.unresolved, true, 'a 502 says nothing of the payment');
    const topUp = await intent.submit(order);
    assert.equal(topUp.status, 'succeeded');
    assert.equal(intent.unresolved, false);
    assert.equal((await client.balance(PRIMARY)).balance.amount, 35000 + 10000, 'paid once');

    // A refusal is a definite answer: nothing was charged, the next try may be a new intent.
    const refused = client.topUps.intent();
    await assert.rejects(refused.submit({ ...order, amount: money(100) }), ValidationError);
    assert.equal(refused.unresolved, false);
  });

  it('counts a timeout, a 5xx, an unreadable answer and a key still in flight as unknown outcomes', () => {
    const init = (code: string, status: number) => ({ code, status });
    assert.ok(outcomeUnknown(new NetworkError('offline', init('network_error', 0))));
    assert.ok(outcomeUnknown(new NetworkError('slow', init('timeout', 0))));
    assert.ok(outcomeUnknown(new ServerError('down', init('service_unavailable', 503))));
    assert.ok(outcomeUnknown(new RefusedError('busy', init('idempotency_key_in_flight', 409))));
    assert.ok(!outcomeUnknown(new RefusedError('no money', init('insufficient_funds', 409))));
    assert.ok(!outcomeUnknown(new RefusedError('other order', init('idempotency_key_reused', 422))));
    assert.ok(!outcomeUnknown(new Error('bug')));
  });

  it('waits through 3-D Secure as one awaited call, approved or declined', async () => {
    const client = await signedIn();
    const started = await client.topUps.intent().submit({ msisdn: PRIMARY, amount: money(10000), source: { type: 'card', card: card('4000 0000 0000 3220') } });
    assert.equal(started.status, 'requires_action');
    assert.equal(started.nextAction?.url, null, 'the in-page sandbox has no challenge page');
    const settled = client.topUps.settled(started.id, { intervalMs: 20 });
    await client.topUps.answerTestChallenge(started.id, 'approve');
    assert.equal((await settled).status, 'succeeded');

    const declined = await client.topUps.intent().submit({ msisdn: PRIMARY, amount: money(10000), source: { type: 'card', card: card('4000 0000 0000 3220') } });
    let poll: () => void = () => {};
    const waiting = client.topUps.settled(declined.id, { intervalMs: 60_000, nudge: (now) => (poll = now) });
    await client.topUps.answerTestChallenge(declined.id, 'decline');
    poll();
    const result = await waiting;
    assert.equal(result.failureCode, 'authentication_failed');
    assert.equal((await client.balance(PRIMARY)).balance.amount, 45000);
    assert.deepEqual((await client.topUps.recent()).map((topUp) => topUp.status), ['failed', 'succeeded']);
  });
});
