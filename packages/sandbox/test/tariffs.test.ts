import { MemoryStore, SqlStore } from '../src/index.js';
import { PgDriver, PgliteDriver } from '../src/node.js';
import { describeTariffContract } from './tariffs-contract.js';

const url = process.env['DATABASE_URL'];

describeTariffContract('MemoryStore', async () => new MemoryStore());
describeTariffContract('SqlStore on PGlite', async () => SqlStore.open(await PgliteDriver.open()));
describeTariffContract(
  'SqlStore on PostgreSQL (DATABASE_URL)',
  async () => SqlStore.open(PgDriver.connect(url ?? '')),
  url ? {} : { skip: 'set DATABASE_URL to run the tariff rules against a real PostgreSQL server' },
);
