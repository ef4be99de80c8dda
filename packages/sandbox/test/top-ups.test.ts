import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { DEMO, MemoryStore, SqlStore, createApp } from '../src/index.js';
import { PgDriver, PgliteDriver } from '../src/node.js';
import { CARD_OK, describeTopUpContract } from './top-up-contract.js';
import { RecordingDriver } from './recording-driver.js';
import { Api, PAGE_ORIGIN } from './api.js';

const url = process.env['DATABASE_URL'];
let pglite: RecordingDriver | undefined;

describeTopUpContract('MemoryStore', async () => new MemoryStore());
describeTopUpContract('SqlStore on PGlite', async () => SqlStore.open((pglite = new RecordingDriver(await PgliteDriver.open()))), { keepOpen: true });
describeTopUpContract(
  'SqlStore on PostgreSQL (DATABASE_URL)',
  async () => SqlStore.open(PgDriver.connect(url ?? '')),
  url ? {} : { skip: 'set DATABASE_URL to run the top-up rules against a real PostgreSQL server' },
);

describe('top-up SQL', () => {
  after(async () => {
    await pglite?.close();
  });

  it("adds up the day's top-ups of a number in the database, through the (msisdn, created_at) index", () => {
    assert.ok(pglite, 'the PGlite contract suite ran first');
    const statements = new Set(pglite.statements.filter((sql) => sql.includes('FROM "top_ups"')));
    assert.ok(
      statements.has('SELECT COALESCE(SUM("amount"), 0)::float8 AS total FROM "top_ups" WHERE "msisdn" = $1 AND "created_at" >= $2 AND "status" IS DISTINCT FROM $3'),
      [...statements].join('\n'),
    );
    // The limit never fetches the rows themselves: a number with many payments today costs one row.
    assert.ok(![...statements].some((sql) => sql.startsWith('SELECT * FROM "top_ups" WHERE "msisdn" = $1')), [...statements].join('\n'));
  });

  it('reads the sandbox clock offset once per request, however many transactions a top-up takes', async () => {
    assert.ok(pglite, 'the PGlite contract suite ran first');
    const api = new Api(createApp({ store: await SqlStore.open(pglite) }));
    await api.reset();
    await api.advance('PT5M');
    const headers = { origin: PAGE_ORIGIN };
    const card = (await (await api.request('/v1/card-tokens', { token: DEMO.publishableKey, headers, body: { number: CARD_OK, expMonth: 12, expYear: 2099, cvc: '123' } })).json()) as { id: string };
    const before = pglite.statements.length;
    const response = await api.request('/v1/top-ups', {
      token: DEMO.publishableKey,
      headers: { ...headers, 'idempotency-key': crypto.randomUUID() },
      body: { msisdn: DEMO.primary, amount: { amount: 10_000, currency: 'RUB' }, source: { type: 'card', token: card.id } },
    });
    assert.equal(response.status, 201);
    const top = (await response.json()) as { createdAt: string };
    const reads = pglite.statements.slice(before).filter((sql) => sql === 'SELECT * FROM "settings" WHERE "key" = $1');
    // One for the clock, one for the injected faults (the /v1 middleware), none again.
    assert.equal(reads.length, 2, pglite.statements.slice(before).join('\n'));
    // And the moved clock still dates the payment.
    assert.ok(Date.parse(top.createdAt) >= Date.now() + 4 * 60_000, top.createdAt);
  });
});

