import { SqlStore } from '../src/index.js';
import { PgDriver } from '../src/node.js';
import { describeStoreContract } from './store-contract.js';

const url = process.env['DATABASE_URL'];

describeStoreContract(
  'SqlStore on PostgreSQL (DATABASE_URL)',
  async () => SqlStore.open(PgDriver.connect(url ?? '')),
  url ? {} : { skip: 'set DATABASE_URL to a PostgreSQL database to run the contract against a real server' },
);
