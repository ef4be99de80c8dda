import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { MIGRATIONS, SqlStore, createApp, seedIfEmpty, systemClock, DEMO } from '../src/index.js';
import { PgliteDriver } from '../src/node.js';
import { Api } from './api.js';
import { describeStoreContract } from './store-contract.js';
import { RecordingDriver } from './recording-driver.js';

// One PGlite for the whole file (a fresh database costs seconds): the contract
// suite resets it by truncate + reseed, and the SQL checks below share it.
const driver = new RecordingDriver(await PgliteDriver.open());
let opened = false;

describeStoreContract(
  'SqlStore on PGlite (in memory)',
  async () => {
    opened = true;
    return SqlStore.open(driver);
  },
  { keepOpen: true },
);

describe('SqlStore SQL', () => {
  before(async () => {
    assert.ok(opened, 'the contract suite ran first');
  });
  after(async () => {
    await driver.close();
  });

  it('issues only portable, parameterized statements (the same text PostgreSQL runs)', () => {
    const runtime = driver.statements.filter((sql) => !MIGRATIONS.some((migration) => migration.statements.includes(sql)));
    assert.ok(runtime.length > 100, `recorded ${runtime.length} statements`);
    for (const sql of new Set(runtime)) {
      assert.match(sql, /^(SELECT|INSERT INTO|UPDATE|DELETE FROM|TRUNCATE|CREATE TABLE IF NOT EXISTS schema_migrations)\b/, sql);
      assert.doesNotMatch(sql, /'/, `no literals, only $n parameters: ${sql}`);
    }
  });

  it('keeps SQL out of the drivers, apart from transaction control', async () => {
    for (const file of ['pglite-driver.ts', 'pg-driver.ts']) {
      const source = await readFile(new URL(`../src/store/${file}`, import.meta.url), 'utf8');
      const strings = [...source.matchAll(/'([^'\n]*)'|`([^`]*)`/g)].map((match) => match[1] ?? match[2] ?? '');
      const sql = strings.filter((text) => /\b(SELECT|INSERT|UPDATE|DELETE|CREATE|ALTER|DROP|TRUNCATE|FROM)\b/i.test(text));
      assert.deepEqual(sql, [], `${file} holds SQL`);
      const control = strings.filter((text) => /^(BEGIN|COMMIT|ROLLBACK)$/.test(text));
      assert.ok(file === 'pglite-driver.ts' || control.length === 3, `${file}: ${control.join(', ')}`);
    }
  });

  it('applies each migration once', async () => {
    const again = await SqlStore.open(driver);
    const { rows } = await driver.query('SELECT version FROM schema_migrations');
    assert.deepEqual(rows.map((row) => row['version']), MIGRATIONS.map((migration) => migration.version));
    assert.equal(again.kind, 'pglite');
  });

  it('rolls a failed transaction back', async () => {
    const store = await SqlStore.open(driver);
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.update('numbers', { msisdn: DEMO.primary }, { balance: 1 });
        throw new Error('boom');
      }),
    );
    const [number] = await store.transaction((tx) => tx.select('numbers', { msisdn: DEMO.primary }));
    assert.equal(number?.balance, 35000);
    // And the app still works on it.
    await seedIfEmpty(store, systemClock);
    const api = new Api(createApp({ store }));
    await api.signIn(DEMO.primary);
  });
});
