/**
 * The world a story runs in: the real sandbox app inside the page (a fresh
 * seeded one for every story) and a fresh real client wired to it. Stories
 * prepare their state through `parameters.kabinet.setup` (sign in, move the
 * clock, make requests fail) before the story renders.
 */
import { createBrowserSandbox } from '@kabinet/sandbox/browser';
import { createClient, type KabinetClient, type Locale, type Msisdn } from '@kabinet/client';

export const BASE_URL = 'http://sandbox.test';
export const DEMO = '+79161234567' as Msisdn;
export const ZERO = '+79160000000' as Msisdn;
export const BLOCKED = '+79165550000' as Msisdn;

export interface SandboxSms {
  from: string;
  to: string;
  text: string;
  code: string | null;
  sentAt: string;
}

export interface World {
  client: KabinetClient;
  /** The sandbox's own fetch (no failures injected): for the SMS panel and helpers. */
  sandboxFetch: (request: Request) => Promise<Response>;
  /** While it returns true for a request, that request fails like a dropped connection. */
  fail: ((request: Request) => boolean) | null;
  /** While it returns a promise for a request, the request waits for it (loading states). */
  hold: ((request: Request) => Promise<void> | undefined) | null;
  sms(to: string): Promise<SandboxSms[]>;
  advanceClock(duration: string): Promise<void>;
  signIn(msisdn?: Msisdn): Promise<void>;
}

export interface KabinetParameters {
  /** Runs before the story renders, after the sandbox was reset. */
  setup?: (world: World) => Promise<void>;
  /** The number whose SMS the "Sandbox SMS" panel shows (default: the demo number). */
  smsTo?: string;
  /** `false`: the provider gets no captcha hook (default: a demo hook that passes). */
  captcha?: boolean;
  /** How many tariffs the sandbox's catalog holds for a Moscow number (1000 for the long-list stories). */
  tariffs?: number;
  /** A publishable key (`pk_test_demo`): the client makes anonymous calls such as a top-up of any number. */
  publishableKey?: string;
}

/** Matches a request by `METHOD /path`. */
export function matches(pattern: RegExp) {
  return (request: Request) => pattern.test(`${request.method} ${new URL(request.url).pathname}`);
}

/**
 * Makes the first loads of matching requests fail, enough of them to outlast
 * the client's own retries of safe requests: the widget shows its error state.
 */
export function failLoads(world: World, pattern: RegExp, times = 3): void {
  const isMatch = matches(pattern);
  let failures = times;
  world.fail = (request) => isMatch(request) && failures-- > 0;
}

/** A story's state, set up before it renders: signed in, then the matching loads held forever (the loading state). */
export function loadingSetup(pattern: RegExp): (world: World) => Promise<void> {
  return async (world) => {
    await world.signIn();
    const forever = new Promise<void>(() => undefined);
    const isMatch = matches(pattern);
    world.hold = (request) => (isMatch(request) ? forever : undefined);
  };
}

/** Signed in, then the first matching loads fail (the error state; "Try again" then works). */
export function loadFailedSetup(pattern: RegExp): (world: World) => Promise<void> {
  return async (world) => {
    await world.signIn();
    failLoads(world, pattern);
  };
}

/** Signed in, `resource` loaded, then its refresh fails: the last good data stays, stale. */
export function staleSetup(pattern: RegExp, resource: (client: KabinetClient) => { load(): Promise<unknown>; refresh(): Promise<unknown> }): (world: World) => Promise<void> {
  return async (world) => {
    await world.signIn();
    await resource(world.client).load();
    world.fail = matches(pattern);
    await resource(world.client).refresh().catch(() => undefined);
  };
}

/** Signed in, then 21 minutes without activity: the session has ended, which the next request learns. */
export async function idleSessionSetup(world: World): Promise<void> {
  await world.signIn();
  await world.advanceClock('PT21M');
}

export async function createWorld(parameters: KabinetParameters = {}, locale: Locale = 'ru'): Promise<World> {
  // One sandbox per story: a docs page renders many stories at once, and they must not share numbers or clocks.
  const app = await createBrowserSandbox(parameters.tariffs ? { seed: { tariffs: parameters.tariffs } } : {});
  const sandboxFetch = (request: Request) => Promise.resolve(app.fetch(request));
  const world: World = {
    client: undefined as unknown as KabinetClient,
    sandboxFetch,
    fail: null,
    hold: null,
    async sms(to) {
      const response = await sandboxFetch(new Request(`${BASE_URL}/sandbox/sms?to=${encodeURIComponent(to)}`));
      return response.ok ? ((await response.json()) as SandboxSms[]) : [];
    },
    async advanceClock(duration) {
      await sandboxFetch(
        new Request(`${BASE_URL}/sandbox/clock`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ advance: duration }),
        }),
      );
    },
    async signIn(msisdn = DEMO) {
      const challenge = await world.client.auth.requestCode(msisdn);
      const [latest] = await world.sms(msisdn);
      await world.client.auth.verifyCode(challenge.challengeId, latest?.code ?? '');
    },
  };
  world.client = createClient({
    baseUrl: BASE_URL,
    auth: parameters.publishableKey ? { type: 'publishable', key: parameters.publishableKey } : { type: 'otp' },
    locale,
    fetch: async (input, init) => {
      const request = new Request(input, init);
      await world.hold?.(request);
      if (world.fail?.(request)) throw new TypeError('Failed to fetch');
      return sandboxFetch(request);
    },
  });
  await parameters.setup?.(world);
  return world;
}
