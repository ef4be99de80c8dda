/**
 * Browser-test harness: the real sandbox app in the page, the real client on
 * top of it, and a fetch wrapper that counts and (on request) fails calls.
 */
import { createBrowserSandbox } from '@kabinet/sandbox/browser';
import { createClient, type KabinetClient, type Locale, type Msisdn } from '@kabinet/client';

export const DEMO = '+79161234567' as Msisdn;
export const ZERO = '+79160000000' as Msisdn;
export const BLOCKED = '+79165550000' as Msisdn;
export const BASE_URL = 'http://sandbox.test';

export interface Sms {
  from: string;
  to: string;
  text: string;
  code: string | null;
  sentAt: string;
}

export interface Harness {
  client: KabinetClient;
  /** Every request the client sent, as `METHOD path`. */
  requests: string[];
  /** While it returns true for a request, that request fails like a dropped connection. */
  fail: ((request: Request) => boolean) | null;
  /** While set, requests it returns a promise for wait for that promise (loading states). */
  hold: ((request: Request) => Promise<void> | undefined) | null;
  sms(to: string): Promise<Sms[]>;
  latestCode(to: string): Promise<string>;
  advanceClock(duration: string): Promise<void>;
  signIn(msisdn?: Msisdn): Promise<void>;
  count(pattern: RegExp): number;
}

const sandboxes = new Map<number, ReturnType<typeof createBrowserSandbox>>();

/**
 * A fresh world: the seeded sandbox (reset) and a new client wired to it.
 * `tariffs`: a sandbox whose catalog has that many tariffs (1000 for the long-list tests).
 */
export async function startHarness(options: { locale?: Locale; tariffs?: number } = {}): Promise<Harness> {
  const size = options.tariffs ?? 0;
  if (!sandboxes.has(size)) sandboxes.set(size, createBrowserSandbox(size ? { seed: { tariffs: size } } : {}));
  const sandbox = await sandboxes.get(size)!;
  await sandbox.reset();
  const requests: string[] = [];
  const harness: Harness = {
    client: undefined as unknown as KabinetClient,
    requests,
    fail: null,
    hold: null,
    async sms(to) {
      const response = await sandbox.fetch(new Request(`${BASE_URL}/sandbox/sms?to=${encodeURIComponent(to)}`));
      return (await response.json()) as Sms[];
    },
    async latestCode(to) {
      const [latest] = await harness.sms(to);
      if (!latest?.code) throw new Error(`no SMS code for ${to}`);
      return latest.code;
    },
    async advanceClock(duration) {
      const response = await sandbox.fetch(
        new Request(`${BASE_URL}/sandbox/clock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ advance: duration }),
        }),
      );
      if (!response.ok) throw new Error(`clock: ${response.status}`);
    },
    async signIn(msisdn = DEMO) {
      const challenge = await harness.client.auth.requestCode(msisdn);
      await harness.client.auth.verifyCode(challenge.challengeId, await harness.latestCode(msisdn));
    },
    count(pattern) {
      return requests.filter((line) => pattern.test(line)).length;
    },
  };
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
    await harness.hold?.(request);
    if (harness.fail?.(request)) throw new TypeError('Failed to fetch');
    return sandbox.fetch(request);
  };
  harness.client = createClient({ baseUrl: BASE_URL, auth: { type: 'otp' }, fetch, locale: options.locale ?? 'ru' });
  return harness;
}
