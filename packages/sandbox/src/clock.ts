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

/** The offset each request's clock has read, so a request reads it once (see {@link requestClock}). */
const requestOffsets = new WeakMap<Clock, { offsetMs?: number }>();

/**
 * A clock for one request: the same time as `clock`, and the sandbox offset
 * is read from the store on the request's first {@link sandboxNow} only
 * (a top-up asked for it in four transactions). The offset stays in the
 * store, so every server on one database still agrees, request by request.
 */
export function requestClock(clock: Clock): Clock {
  const perRequest: Clock = { now: () => clock.now() };
  requestOffsets.set(perRequest, {});
  return perRequest;
}

/**
 * The sandbox's time: real time plus the offset moved by `POST /sandbox/clock`.
 * The offset is kept in the store so every server on one database agrees.
 */
export async function sandboxNow(tx: StoreTx, clock: Clock): Promise<Date> {
  const memo = requestOffsets.get(clock);
  const offset = memo?.offsetMs ?? (await offsetMs(tx));
  if (memo) memo.offsetMs = offset;
  return new Date(clock.now().getTime() + offset);
}

/**
 * The times the sandbox clock may be moved to (`POST /sandbox/clock`): from
 * 2000-01-01T00:00:00Z, inclusive, to 3000-01-01T00:00:00Z, exclusive. Every
 * such moment has a four-digit year, as the API's timestamps require
 * (`toISOString` writes `+010000-…` past 9999), and leaves room for
 * durations added to it (a link's activation, a token's expiry).
 */
export const SANDBOX_TIME_RANGE = { from: Date.UTC(2000, 0, 1), until: Date.UTC(3000, 0, 1) } as const;

/** Whether the sandbox clock may read `ms` (epoch milliseconds; see {@link SANDBOX_TIME_RANGE}). */
export function isSandboxTime(ms: number): boolean {
  return Number.isFinite(ms) && ms >= SANDBOX_TIME_RANGE.from && ms < SANDBOX_TIME_RANGE.until;
}

/** Moves the sandbox clock so that it reads `target` now. */
export async function setSandboxNow(tx: StoreTx, clock: Clock, target: Date): Promise<void> {
  const value = { offsetMs: target.getTime() - clock.now().getTime() };
  const changed = await tx.update('settings', { key: CLOCK_SETTING }, { value });
  if (changed === 0) await tx.insert('settings', { key: CLOCK_SETTING, value });
  forgetOffset(clock);
}

/** After the settings were emptied (a reset), the request reads the offset again. */
export function forgetOffset(clock: Clock): void {
  const memo = requestOffsets.get(clock);
  if (memo) delete memo.offsetMs;
}
