/**
 * The real sandbox app for the client's integration tests: in-process (the
 * browser build's `fetch`) or over real HTTP. Nothing here imitates our code;
 * fetch wrappers only count, delay or corrupt what the real server answers.
 */
import { after, before, beforeEach } from 'node:test';
import * as v from 'valibot';
import { createBrowserSandbox } from '../../sandbox/src/browser.js';
import { MemoryStore } from '../../sandbox/src/index.js';
import { SmsSchema } from '../src/schemas.js';
import type { Msisdn } from '../src/phone.js';
import type { KabinetClient } from '../src/index.js';

export const BASE = 'http://127.0.0.1:8787';

export interface TestSandbox {
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** The sandbox app in this process, reached through its `fetch` (as Storybook and widget tests do). */
export async function inProcessSandbox(): Promise<TestSandbox> {
  const sandbox = await createBrowserSandbox();
  return { baseUrl: BASE, fetch: sandbox.fetch, reset: () => sandbox.reset(), close: async () => {} };
}

/**
 * The in-process sandbox for a test file: created before its tests, reset
 * before each one, closed after them. Register at the top level of the file.
 */
export function inProcessSandboxPerTest(): TestSandbox {
  const sandbox = {} as TestSandbox;
  before(async () => {
    Object.assign(sandbox, await inProcessSandbox());
  });
  after(async () => {
    await sandbox.close();
  });
  beforeEach(async () => {
    await sandbox.reset();
  });
  return sandbox;
}

/** A fetch that records every request it passes on. */
export function recording(fetch: typeof globalThis.fetch) {
  const requests: Array<{ method: string; url: string }> = [];
  const wrapped: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    requests.push({ method: request.method, url: request.url });
    return fetch(request);
  };
  return { fetch: wrapped, requests, count: (method: string, path: string) => requests.filter((r) => r.method === method && new URL(r.url).pathname === path).length };
}

/** The newest SMS code the sandbox sent to `to` (its outbox, sender 3339). */
export async function latestCode(sandbox: TestSandbox, to: Msisdn): Promise<string> {
  const response = await sandbox.fetch(`${sandbox.baseUrl}/sandbox/sms?${new URLSearchParams({ to })}`);
  if (!response.ok) throw new Error(`GET /sandbox/sms: ${response.status} ${await response.text()}`);
  const list = v.parse(v.array(SmsSchema), await response.json());
  const sms = list[0];
  if (!sms?.code) throw new Error(`no code sent to ${to}`);
  if (sms.from !== '3339') throw new Error(`code came from ${sms.from}, not 3339`);
  return sms.code;
}

/** Signs `kabinet` in as `phone` with the code the sandbox sent by SMS. */
export async function signIn(sandbox: TestSandbox, kabinet: KabinetClient, phone: string) {
  const challenge = await kabinet.auth.requestCode(phone);
  return kabinet.auth.verifyCode(challenge.challengeId, await latestCode(sandbox, challenge.sentTo as Msisdn));
}

/** Calls a `/sandbox/...` helper with a JSON body. */
export async function sandboxPost(sandbox: TestSandbox, path: string, body: unknown): Promise<Response> {
  const response = await sandbox.fetch(`${sandbox.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response;
}

/**
 * The sandbox behind a real HTTP server on a free port; `fetch` is the
 * platform's. The in-memory store keeps start-up fast (PGlite's initdb takes seconds).
 */
export async function httpSandbox(): Promise<TestSandbox> {
  // Loaded here only: the Node entry pulls in the SQL drivers the in-process tests do not need.
  const { startServer } = await import('../../sandbox/src/node.js');
  const server = await startServer({ port: 0, quiet: true, store: new MemoryStore() });
  return {
    baseUrl: server.url,
    fetch: globalThis.fetch,
    reset: async () => {
      await sandboxPost({ baseUrl: server.url, fetch: globalThis.fetch } as TestSandbox, '/sandbox/reset', {});
    },
    close: () => server.close(),
  };
}
