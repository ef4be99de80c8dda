/**
 * Test client over `app.request`: JSON in, checked responses out. Every body
 * is validated against its contract schema, so a passing test also proves the
 * response matches the OpenAPI component. {@link useSandbox} gives a suite
 * that client over a seeded store.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach } from 'node:test';
import * as v from 'valibot';
import { ProblemSchema, SessionSchema, OtpChallengeSchema, SmsSchema } from '@kabinet/client/contract';
import { DEMO_ORIGINS, createApp, seedIfEmpty, systemClock, type AppOptions, type SandboxApp, type Store } from '../src/index.js';

/** The examples' origin: the demo publishable key accepts it, and CORS lets it call. */
export const PAGE_ORIGIN = DEMO_ORIGINS[0];

/** An origin no key accepts and CORS refuses. */
export const EVIL_ORIGIN = 'https://evil.example';

export interface Call {
  method?: string;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export class Api {
  constructor(readonly app: SandboxApp) {}

  async request(path: string, call: Call = {}): Promise<Response> {
    const headers: Record<string, string> = { ...call.headers };
    if (call.body !== undefined) headers['content-type'] ??= 'application/json';
    if (call.token !== undefined) headers['authorization'] = `Bearer ${call.token}`;
    return this.app.request(path, {
      method: call.method ?? (call.body === undefined ? 'GET' : 'POST'),
      headers,
      ...(call.body === undefined ? {} : { body: typeof call.body === 'string' ? call.body : JSON.stringify(call.body) }),
    });
  }

  /** Expects `status` and a body matching `schema`. */
  async ok<S extends v.GenericSchema>(path: string, call: Call, status: number, schema: S): Promise<v.InferOutput<S>> {
    const response = await this.request(path, call);
    const text = await response.text();
    assert.equal(response.status, status, `${call.method ?? 'GET'} ${path}: ${text}`);
    assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
    const result = v.safeParse(schema, JSON.parse(text));
    assert.ok(result.success, `${path} body does not match its schema: ${JSON.stringify(result.issues?.map((issue) => issue.message))}`);
    return result.output;
  }

  /** Expects an RFC 9457 problem with this status and code. */
  async problem(path: string, call: Call, status: number, code: string): Promise<{ problem: v.InferOutput<typeof ProblemSchema>; response: Response }> {
    const response = await this.request(path, call);
    return { problem: await expectProblem(response, status, code), response };
  }

  async requestCode(phone: string, captchaToken?: string) {
    return this.ok('/v1/auth/otp', { body: { phone, ...(captchaToken === undefined ? {} : { captchaToken }) } }, 202, OtpChallengeSchema);
  }

  async latestCode(to: string): Promise<string> {
    const [latest] = await this.ok(`/sandbox/sms?to=${encodeURIComponent(to)}`, {}, 200, v.array(SmsSchema));
    assert.ok(latest?.code, `no code for ${to}`);
    return latest.code;
  }

  async signIn(phone: string) {
    const challenge = await this.requestCode(phone);
    const code = await this.latestCode(phone);
    return this.ok('/v1/auth/otp/verify', { body: { challengeId: challenge.challengeId, code } }, 200, SessionSchema);
  }

  async advance(duration: string): Promise<void> {
    const response = await this.request('/sandbox/clock', { body: { advance: duration } });
    assert.equal(response.status, 200, await response.text());
  }

  async reset(): Promise<void> {
    const response = await this.request('/sandbox/reset', { method: 'POST' });
    assert.equal(response.status, 204, await response.text());
  }
}

/** A suite's sandbox; its fields are set once the suite's `before` has run. */
export interface Sandbox {
  readonly store: Store;
  readonly app: SandboxApp;
  readonly api: Api;
}

/**
 * Registers the hooks of the enclosing `describe`: before its tests, opens
 * and seeds a store and creates an app on it; before each test, resets the
 * sandbox; after its tests, closes the store unless `keepOpen`. Read the
 * returned object's fields inside tests and hooks, not while declaring them.
 *
 * @example
 * describe('tariffs', () => {
 *   const sandbox = useSandbox(async () => new MemoryStore(), { log });
 *   it('signs in', () => sandbox.api.signIn(DEMO.primary));
 * });
 */
export function useSandbox(makeStore: () => Promise<Store>, appOptions: Omit<AppOptions, 'store'> = {}, { keepOpen = false }: { keepOpen?: boolean } = {}): Sandbox {
  let store: Store | undefined;
  let app: SandboxApp | undefined;
  let api: Api | undefined;
  const opened = <T>(value: T | undefined): T => value ?? assert.fail('the sandbox opens in `before`: read it inside tests and hooks');

  before(async () => {
    store = await makeStore();
    await seedIfEmpty(store, systemClock);
    app = createApp({ ...appOptions, store });
    api = new Api(app);
  });
  after(async () => {
    if (!keepOpen) await store?.close();
  });
  beforeEach(async () => {
    await opened(api).reset();
  });

  return {
    get store() {
      return opened(store);
    },
    get app() {
      return opened(app);
    },
    get api() {
      return opened(api);
    },
  };
}

export async function expectProblem(response: Response, status: number, code: string) {
  const text = await response.text();
  assert.equal(response.status, status, text);
  assert.equal(response.headers.get('content-type'), 'application/problem+json');
  const problem = v.parse(ProblemSchema, JSON.parse(text));
  assert.equal(problem.code, code, text);
  assert.equal(problem.type, `https://kabinet.dev/problems/${code}`);
  assert.ok(!text.includes('    at '), 'no stack trace in a problem');
  return problem;
}

/** A code that is not `code` (same length). */
export function wrongCode(code: string): string {
  return code === '000000' ? '111111' : '000000';
}
