// `npm start` keeps the sandbox's embedded database in a data folder: what
// happened before a restart is still there after it.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DEMO } from '../src/index.js';
import { startServer } from '../src/node.js';

describe('the embedded database in a data folder', () => {
  let dataDir = '';
  after(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps sessions, the SMS outbox and the clock across a restart', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kabinet-sandbox-'));
    const quiet = { info: () => undefined, error: () => undefined };
    const json = { 'content-type': 'application/json' };

    const first = await startServer({ port: 0, dataDir, log: quiet });
    let token: string;
    try {
      const sent = await fetch(`${first.url}/v1/auth/otp`, { method: 'POST', headers: json, body: JSON.stringify({ phone: DEMO.primary }) });
      const { challengeId } = (await sent.json()) as { challengeId: string };
      const [sms] = (await (await fetch(`${first.url}/sandbox/sms?to=${encodeURIComponent(DEMO.primary)}`)).json()) as { code: string }[];
      const verified = await fetch(`${first.url}/v1/auth/otp/verify`, { method: 'POST', headers: json, body: JSON.stringify({ challengeId, code: sms?.code }) });
      assert.equal(verified.status, 200);
      ({ token } = (await verified.json()) as { token: string });
      await fetch(`${first.url}/sandbox/clock`, { method: 'POST', headers: json, body: JSON.stringify({ advance: 'PT5M' }) });
    } finally {
      await first.close();
    }

    const second = await startServer({ port: 0, dataDir, log: quiet });
    try {
      const outbox = (await (await fetch(`${second.url}/sandbox/sms?to=${encodeURIComponent(DEMO.primary)}`)).json()) as unknown[];
      assert.equal(outbox.length, 1, 'the SMS sent before the restart');
      const balance = await fetch(`${second.url}/v1/numbers/${DEMO.primary.slice(1)}/balance`, { headers: { authorization: `Bearer ${token}` } });
      assert.equal(balance.status, 200, 'the session made before the restart');
      assert.equal(((await balance.json()) as { balance: { amount: number } }).balance.amount, 35000);
      const clock = (await (await fetch(`${second.url}/sandbox/clock`)).json()) as { now: string };
      assert.ok(Date.parse(clock.now) - Date.now() > 4 * 60_000, 'the clock moved before the restart');
    } finally {
      await second.close();
    }
  });
});
