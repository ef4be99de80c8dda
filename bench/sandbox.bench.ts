/**
 * Sandbox throughput on this machine's two cores: the sandbox (embedded
 * PGlite) in a child process, the load from this one. Balance reads by
 * autocannon, top-ups (card token + top-up, two calls each) by a Node loop,
 * each as a ratio to a bare Hono route loaded the same way in the same round.
 * Rounds alternate sandbox and bare route so noise hits both alike.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { compare, failed, notBuilt, type BenchContext, type Figure } from './bench.js';

export const section = 'Sandbox';

const CONNECTIONS = 10;
const MSISDN = '+79161234567';

interface Load {
  rps: number;
  p99: number;
  errors: number;
}

async function cannon(url: string, seconds: number, headers: Record<string, string> = {}): Promise<Load> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers });
  return { rps: result.requests.total / seconds, p99: result.latency.p99, errors: result.errors + result.timeouts + result.non2xx };
}

/** `concurrency` workers calling `call` back to back for `seconds`; rate of completed calls and their p99. */
async function loop(seconds: number, concurrency: number, call: () => Promise<boolean>): Promise<Load> {
  const end = performance.now() + seconds * 1000;
  const latencies: number[] = [];
  let errors = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const started = performance.now();
        if (!(await call())) errors++;
        latencies.push(performance.now() - started);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { rps: latencies.length / seconds, p99: latencies[Math.floor(latencies.length * 0.99)] ?? 0, errors };
}

async function startTarget(root: string): Promise<{ sandbox: string; bare: string; stop(): void }> {
  const child = spawn(process.execPath, ['--conditions=@kabinet/source', '--import', 'tsx', join(root, 'bench/sandbox-target.ts')], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`sandbox target exited with ${code}`)));
  });
  const urls = JSON.parse(first) as { sandbox: string; bare: string };
  return { ...urls, stop: () => child.stdin.end() };
}

async function implemented(base: string, method: string, path: string): Promise<boolean> {
  const openapi = (await (await fetch(`${base}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { 'x-kabinet-status'?: string }>>;
  };
  const status = openapi.paths[path]?.[method]?.['x-kabinet-status'];
  return status !== undefined && status !== 'planned';
}

export async function run(ctx: BenchContext): Promise<Figure[]> {
  const target = await startTarget(ctx.root);
  try {
    const token = await ctx.sessionToken({ url: target.sandbox }, MSISDN);
    const auth = { authorization: `Bearer ${token}` };
    const rounds = ctx.quick ? 1 : 3;
    const seconds = ctx.quick ? 2 : 4;
    const figures: Figure[] = [];

    // Balance reads.
    await cannon(`${target.bare}/bare`, 1);
    await cannon(`${target.sandbox}/v1/numbers/${MSISDN.slice(1)}/balance`, 1, auth);
    const bare: Load[] = [];
    const reads: Load[] = [];
    for (let round = 0; round < rounds; round++) {
      bare.push(await cannon(`${target.bare}/bare`, seconds));
      reads.push(await cannon(`${target.sandbox}/v1/numbers/${MSISDN.slice(1)}/balance`, seconds, auth));
    }
    const readErrors = reads.reduce((sum, load) => sum + load.errors, 0);
    figures.push(
      compare(
        { section, name: `balance reads, ${CONNECTIONS} connections (autocannon)`, unit: 'req/s', target: { min: 200 }, ...(readErrors ? { note: `${readErrors} errors` } : {}) },
        reads.map((load) => load.rps),
        bare.map((load) => load.rps),
        'bare Hono route',
      ),
      compare(
        { section, name: 'balance reads p99 latency', unit: 'ms', target: { max: 100 } },
        reads.map((load) => load.p99),
        bare.map((load) => load.p99),
        'bare Hono route',
      ),
    );

    // Top-ups, once the sandbox serves them.
    const topUpHead = { section, name: `top-ups (card token + top-up), ${CONNECTIONS} concurrent (Node loop)`, unit: 'top-ups/s', target: { min: 50 } };
    if (!(await implemented(target.sandbox, 'post', '/v1/top-ups')) || !(await implemented(target.sandbox, 'post', '/v1/card-tokens'))) {
      figures.push(notBuilt(topUpHead, 'POST /v1/top-ups is still planned in the OpenAPI document'));
      figures.push(notBuilt({ section, name: 'top-ups p99 latency', unit: 'ms' }, 'POST /v1/top-ups is still planned'));
      return figures;
    }
    const json = { ...auth, 'content-type': 'application/json' };
    const topUp = async (): Promise<boolean> => {
      const card = await fetch(`${target.sandbox}/v1/card-tokens`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ number: '4242424242424242', expMonth: 12, expYear: 2099, cvc: '123' }),
      });
      const { id } = (await card.json()) as { id?: string };
      const response = await fetch(`${target.sandbox}/v1/top-ups`, {
        method: 'POST',
        headers: { ...json, 'idempotency-key': crypto.randomUUID() },
        body: JSON.stringify({ msisdn: MSISDN, amount: { amount: 10_000, currency: 'RUB' }, source: { type: 'card', token: id } }),
      });
      await response.arrayBuffer();
      return response.status === 201;
    };
    const bareCall = async (): Promise<boolean> => (await fetch(`${target.bare}/bare`)).ok;
    try {
      await loop(1, CONNECTIONS, topUp);
      const bareLoop: Load[] = [];
      const topUps: Load[] = [];
      for (let round = 0; round < rounds; round++) {
        bareLoop.push(await loop(seconds, CONNECTIONS, bareCall));
        topUps.push(await loop(seconds, CONNECTIONS, topUp));
      }
      const refused = topUps.reduce((sum, load) => sum + load.errors, 0);
      figures.push(
        compare(
          { ...topUpHead, ...(refused ? { note: `${refused} not 201 (limits)` } : {}) },
          topUps.map((load) => load.rps),
          bareLoop.map((load) => load.rps),
          'bare Hono route (same loop)',
        ),
        compare(
          { section, name: 'top-ups p99 latency', unit: 'ms', target: { max: 200 } },
          topUps.map((load) => load.p99),
          bareLoop.map((load) => load.p99),
          'bare Hono route (same loop)',
        ),
      );
    } catch (error) {
      figures.push(failed(topUpHead, error));
    }
    return figures;
  } finally {
    target.stop();
  }
}
