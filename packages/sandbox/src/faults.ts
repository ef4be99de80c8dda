import type { Faults } from '@kabinet/client/contract';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from './app-env.js';
import { ProblemError } from './problem.js';
import type { StoreTx } from './store/store.js';

const FAULTS_SETTING = 'faults';

/** Thrown to drop the connection instead of answering: the app rethrows it, so `fetch` rejects. */
export class ConnectionDropped extends Error {
  constructor() {
    super('Connection dropped by a sandbox fault');
    this.name = 'ConnectionDropped';
  }
}

/** The fault settings in force (all zero when never set). */
export async function readFaults(tx: StoreTx): Promise<Required<Faults>> {
  const [row] = await tx.select('settings', { key: FAULTS_SETTING });
  const value = row?.value && typeof row.value === 'object' && !Array.isArray(row.value) ? row.value : {};
  const number = (name: string) => (typeof value[name] === 'number' ? (value[name] as number) : 0);
  return { latencyMs: number('latencyMs'), errorRate: number('errorRate'), dropRate: number('dropRate') };
}

/** Replaces the fault settings. */
export async function writeFaults(tx: StoreTx, faults: Required<Faults>): Promise<void> {
  const value = { ...faults };
  const changed = await tx.update('settings', { key: FAULTS_SETTING }, { value });
  if (changed === 0) await tx.insert('settings', { key: FAULTS_SETTING, value });
}

interface NodeBindings {
  outgoing?: { destroy?: () => void };
}

/**
 * Applies `POST /sandbox/faults` to the API: a delay, then maybe a dropped
 * connection, then maybe a 503 with `Retry-After`, so clients can rehearse
 * their retry and timeout paths.
 */
export function faultInjection(random: () => number = Math.random): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const faults = await c.get('deps').store.transaction(readFaults);
    if (faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.latencyMs));
    if (faults.dropRate > 0 && random() < faults.dropRate) {
      // Under @hono/node-server the socket is destroyed; in a browser the rejection is the drop.
      (c.env as NodeBindings | undefined)?.outgoing?.destroy?.();
      throw new ConnectionDropped();
    }
    if (faults.errorRate > 0 && random() < faults.errorRate) {
      throw new ProblemError(503, 'service_unavailable', 'Injected by sandbox faults; retry later', { retryAfter: 1 });
    }
    await next();
  };
}
