import { MemoryStore, SqlStore } from '../src/index.js';
import { PgDriver, PgliteDriver } from '../src/node.js';
import { describeTopUpContract } from './top-up-contract.js';

const url = process.env['DATABASE_URL'];

describeTopUpContract('MemoryStore', async () => new MemoryStore());
describeTopUpContract('SqlStore on PGlite', async () => SqlStore.open(await PgliteDriver.open()));
describeTopUpContract(
  'SqlStore on PostgreSQL (DATABASE_URL)',
  async () => SqlStore.open(PgDriver.connect(url ?? '')),
  url ? {} : { skip: 'set DATABASE_URL to run the top-up rules against a real PostgreSQL server' },
);
