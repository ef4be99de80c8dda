import type { StoreTx } from './store/store.js';

/** The source of real time; tests pass a fixed or hand-moved one. */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

const CLOCK_SETTING = 'clock';

async function offsetMs(tx: StoreTx): Promise<number> {
  const [row] = await tx.select('settings', { key: CLOCK_SETTING });
  const value = row?.value;
  return value && typeof value === 'object' && !Array.isArray(value) && typeof value['offsetMs'] === 'number'
    ? value['offsetMs']
    : 0;
}

/**
 * The sandbox's time: real time plus the offset moved by `POST /sandbox/clock`.
 * The offset is kept in the store so every server on one database agrees.
 */
export async function sandboxNow(tx: StoreTx, clock: Clock): Promise<Date> {
  return new Date(clock.now().getTime() + (await offsetMs(tx)));
}

/** Moves the sandbox clock so that it reads `target` now. */
export async function setSandboxNow(tx: StoreTx, clock: Clock, target: Date): Promise<void> {
  const value = { offsetMs: target.getTime() - clock.now().getTime() };
  const changed = await tx.update('settings', { key: CLOCK_SETTING }, { value });
  if (changed === 0) await tx.insert('settings', { key: CLOCK_SETTING, value });
}
