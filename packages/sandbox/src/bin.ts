/**
 * `kabinet-sandbox` / `npm run sandbox`: the sandbox API over HTTP.
 * Environment: PORT (8787), HOST (127.0.0.1), DATA_DIR (.data/sandbox),
 * SANDBOX_TARIFFS (seed a catalog of that many tariffs, e.g. 1000; applies
 * to a fresh database and to every reset),
 * DATABASE_URL (a PostgreSQL server instead of the embedded database).
 */
import { resolve } from 'node:path';
import { formatPhone } from '@kabinet/client/contract';
import { DEMO } from './seed.js';
import { startServer } from './node.js';

const env = process.env;
const databaseUrl = env['DATABASE_URL'] || undefined;
const dataDir = resolve(env['DATA_DIR'] || '.data/sandbox');
const port = Number(env['PORT'] || 8787);
const host = env['HOST'] || '127.0.0.1';

const tariffs = Number(env['SANDBOX_TARIFFS'] || 0);
const seed = tariffs > 0 ? { tariffs } : {};
const server = await startServer({ port, host, seed, ...(databaseUrl ? { databaseUrl } : { dataDir }) });

const where = databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${dataDir}`;
console.log(`Kabinet sandbox on ${server.url} (${where}); OpenAPI at ${server.url}/openapi.json`);
console.log('Test mode: /sandbox/* resets data and moves time. Never expose it in production.');
console.log(`Demo numbers: ${formatPhone(DEMO.primary)} (350.00 RUB, linked ${formatPhone(DEMO.linkedActive)} and pending ${formatPhone(DEMO.linkedPending)}),`);
console.log(`  ${formatPhone(DEMO.zeroBalance)} (0.00 RUB), ${formatPhone(DEMO.blocked)} (blocked). Keys: ${DEMO.publishableKey}, ${DEMO.secretKey}.`);
console.log(`Sign-in codes are printed below and listed at ${server.url}/sandbox/sms?to=${DEMO.primary}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
