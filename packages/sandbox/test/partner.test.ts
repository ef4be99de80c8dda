import { MemoryStore, SqlStore } from '../src/index.js';
import { PgDriver, PgliteDriver } from '../src/node.js';
import { describePartnerContract } from './partner-contract.js';

const url = process.env['DATABASE_URL'];

describePartnerContract('MemoryStore', async () => new MemoryStore());
describePartnerContract('SqlStore on PGlite', async () => SqlStore.open(await PgliteDriver.open()));
describePartnerContract(
  'SqlStore on PostgreSQL (DATABASE_URL)',
  async () => SqlStore.open(PgDriver.connect(url ?? '')),
  url ? {} : { skip: 'set DATABASE_URL to run the partner-session rules against a real PostgreSQL server' },
);
