/**
 * The server side of the throughput bench, in its own process so it has a
 * core to itself while the load generator uses the other: the sandbox on
 * embedded PGlite (in memory) and, beside it, a bare Hono route on the same
 * runtime, the ceiling the sandbox is compared with. Prints one JSON line
 * `{ sandbox, bare }` (base URLs) once both listen; exits when stdin closes.
 */
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { serve } from '@hono/node-server';
import { startServer } from '@kabinet/sandbox/node';

const sandbox = await startServer({ port: 0, host: '127.0.0.1', memory: true, quiet: true });
const bareApp = new Hono().get('/bare', (c) => c.json({ ok: true }));
const bare = await new Promise<ReturnType<typeof serve>>((resolve) => {
  const server = serve({ fetch: bareApp.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(server));
});
const barePort = (bare.address() as AddressInfo).port;
process.stdout.write(`${JSON.stringify({ sandbox: sandbox.url, bare: `http://127.0.0.1:${barePort}` })}\n`);

process.stdin.resume();
process.stdin.on('end', async () => {
  bare.close();
  await sandbox.close();
  process.exit(0);
});
