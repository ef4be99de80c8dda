import { ClockRequestSchema, FaultsSchema, parsePhone, type Sms } from '@kabinet/client/contract';
import type { AppContext } from '../app-env.js';
import { audit } from '../audit.js';
import { forgetOffset, isSandboxTime, sandboxNow, setSandboxNow } from '../clock.js';
import { parseDuration } from '../duration.js';
import { readFaults, writeFaults } from '../faults.js';
import { readJson } from '../json-body.js';
import { ProblemError, validationProblem } from '../problem.js';
import type { RouteTable } from '../route-table.js';
import { seed } from '../seed.js';

// Test mode: these routes reset data and move time for anyone who asks.
// A production deployment of the API must never mount them.

async function listSms(c: AppContext): Promise<Response> {
  const { store } = c.get('deps');
  const to = c.req.query('to');
  let recipient: string | undefined;
  if (to !== undefined) {
    const parsed = parsePhone(to);
    if (!parsed) throw validationProblem([{ pointer: '/to', code: 'invalid_phone', detail: 'Query parameter "to" is not a Russian mobile number' }]);
    recipient = parsed;
  }
  const rows = await store.transaction((tx) => tx.select('sms_outbox', recipient === undefined ? {} : { recipient }));
  rows.sort((a, b) => b.sentAt.getTime() - a.sentAt.getTime() || b.id.localeCompare(a.id));
  const body: Sms[] = rows.map((row) => ({
    from: row.sender,
    to: row.recipient as Sms['to'],
    text: row.text,
    code: row.code,
    sentAt: row.sentAt.toISOString(),
  }));
  return c.json(body);
}

async function reset(c: AppContext): Promise<Response> {
  const { store, clock, seed: seedOptions } = c.get('deps');
  await store.transaction(async (tx) => {
    await tx.truncateAll();
    // The clock offset went with the settings table: the seed is dated by real time again.
    forgetOffset(clock);
    const now = await sandboxNow(tx, clock);
    await seed(tx, now, seedOptions);
    await audit(tx, now, { action: 'sandbox.reset', actor: 'sandbox', origin: c.req.header('origin') ?? null });
  });
  return c.body(null, 204);
}

async function getClock(c: AppContext): Promise<Response> {
  const { store, clock } = c.get('deps');
  const now = await store.transaction((tx) => sandboxNow(tx, clock));
  return c.json({ now: now.toISOString() });
}

/**
 * `POST /sandbox/clock`: `advance` by an ISO 8601 duration, or `set` a time.
 * The result must fall within `SANDBOX_TIME_RANGE` (years 2000 to 2999, UTC),
 * else 422 `out_of_range` pointing at the field.
 */
async function moveClock(c: AppContext): Promise<Response> {
  const { store, clock } = c.get('deps');
  const body = await readJson(c, ClockRequestSchema);
  if ((body.advance === undefined) === (body.set === undefined)) {
    throw validationProblem([{ pointer: '', code: 'one_of', detail: 'Send exactly one of "advance" or "set"' }]);
  }
  const advanceMs = body.advance === undefined ? 0 : parseDuration(body.advance);
  if (advanceMs === null) {
    throw validationProblem([{ pointer: '/advance', code: 'invalid_duration', detail: 'Expected an ISO 8601 duration with D, H, M or S, such as PT21M' }]);
  }
  const outOfRange = () =>
    validationProblem([{ pointer: body.set === undefined ? '/advance' : '/set', code: 'out_of_range', detail: 'The sandbox time must stay within the years 2000 to 2999' }]);
  const now = await store.transaction(async (tx): Promise<Date | ProblemError> => {
    const before = await sandboxNow(tx, clock);
    const targetMs = body.set === undefined ? before.getTime() + advanceMs : Date.parse(body.set);
    if (!isSandboxTime(targetMs)) return outOfRange();
    const target = new Date(targetMs);
    await setSandboxNow(tx, clock, target);
    await audit(tx, target, { action: 'sandbox.clock', actor: 'sandbox', details: { from: before.toISOString(), to: target.toISOString() } });
    return target;
  });
  if (now instanceof ProblemError) throw now;
  return c.json({ now: now.toISOString() });
}

async function getFaults(c: AppContext): Promise<Response> {
  return c.json(await c.get('deps').store.transaction(readFaults));
}

async function setFaults(c: AppContext): Promise<Response> {
  const { store, clock } = c.get('deps');
  const body = await readJson(c, FaultsSchema);
  const faults = { latencyMs: body.latencyMs ?? 0, errorRate: body.errorRate ?? 0, dropRate: body.dropRate ?? 0 };
  await store.transaction(async (tx) => {
    await writeFaults(tx, faults);
    await audit(tx, await sandboxNow(tx, clock), { action: 'sandbox.faults', actor: 'sandbox', details: faults });
  });
  return c.json(faults);
}

/** Test-mode helpers under `/sandbox`: SMS outbox, reset, clock, faults. */
export function sandboxRoutes(routes: RouteTable): void {
  routes.on('GET', '/sandbox/sms', listSms);
  routes.on('POST', '/sandbox/reset', reset);
  routes.on('GET', '/sandbox/clock', getClock);
  routes.on('POST', '/sandbox/clock', moveClock);
  routes.on('GET', '/sandbox/faults', getFaults);
  routes.on('POST', '/sandbox/faults', setFaults);
}
