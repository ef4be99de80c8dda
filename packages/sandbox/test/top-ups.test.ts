import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryStore, SqlStore } from '../src/index.js';
import { PgDriver, PgliteDriver } from '../src/node.js';
import { describeTopUpContract } from './top-up-contract.js';
import { RecordingDriver } from './recording-driver.js';

const url = process.env['DATABASE_URL'];
let pglite: RecordingDriver | undefined;

describeTopUpContract('MemoryStore', async () => new MemoryStore());
describeTopUpContract('SqlStore on PGlite', async () => SqlStore.open((pglite = new RecordingDriver(await PgliteDriver.open()))));
describeTopUpContract(
  'SqlStore on PostgreSQL (DATABASE_URL)',
  async () => SqlStore.open(PgDriver.connect(url ?? '')),
  url ? {} : { skip: 'set DATABASE_URL to run the top-up rules against a real PostgreSQL server' },
);

describe('top-up SQL', () => {
  it("reads only the day's top-ups of a number for its daily limit, through the (msisdn, created_at) index", () => {
    assert.ok(pglite, 'the PGlite contract suite ran first');
    const reads = new Set(pglite.statements.filter((sql) => sql.startsWith('SELECT * FROM "top_ups"')));
    assert.ok(reads.has('SELECT * FROM "top_ups" WHERE "msisdn" = $1 AND "created_at" >= $2'), [...reads].join('\n'));
    assert.ok(!reads.has('SELECT * FROM "top_ups" WHERE "msisdn" = $1'), 'no read of every top-up a number ever had');
  });
});
