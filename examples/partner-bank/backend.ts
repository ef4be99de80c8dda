/**
 * The partner bank's backend, as small as a real one could be: it serves the
 * bank's page and mints Kabinet sessions for its signed-in customer.
 *
 * - Who is signed in: this example has no bank sign-in. Every visitor is the
 *   bank's demo customer, Ivan Petrov (+79161234567): the page sets a
 *   `bank_session` cookie (HttpOnly, SameSite=Strict) standing for a real
 *   bank session, and the API answers only requests carrying one.
 * - The secret key (`KABINET_SECRET_KEY`, else the sandbox's `sk_test_demo`)
 *   stays here: the backend calls `POST /v1/partner/sessions` itself and
 *   hands the page only `{ token, expiresAt }`. The Kabinet session id stays
 *   here too, keyed by the bank session, for the refresh.
 * - The page (index.html) is rendered with a fresh Kabinet session token for
 *   the customer, so the widgets start with the page (no request of the
 *   page's own first, no layout jump); `app.js` keeps it alive and asks for a
 *   new one when the page came without one (the API did not answer then) or
 *   the session ended.
 * - The page is rendered with the loader's Subresource Integrity
 *   and a `<link rel="modulepreload" integrity>` for each chunk its widgets
 *   need, read from dist/cdn/manifest.json, so every script of the bundle the
 *   page runs is checked against the build.
 *
 * Routes (everything under /partner-bank/; any other file there is 404):
 * `GET /partner-bank/` the page; `GET app.js`, `styles.css`, `logo.svg`;
 * `POST /partner-bank/api/kabinet-session` a new Kabinet session;
 * `POST /partner-bank/api/kabinet-session/refresh` 15 more minutes (or a new
 * session once the old one ended). Both POSTs refuse cross-site requests.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scope } from '@kabinet/client';

/** The bank's signed-in customer in this example. */
export const DEMO_CUSTOMER = { name: 'Иван Петров', msisdn: '+79161234567', shown: '+7 916 123-45-67' } as const;

/** What the bank's page may do on the customer's account: read it, change the tariff, manage numbers, top up. */
export const KABINET_SCOPES: readonly Scope[] = ['account:read', 'balance:read', 'tariff:read', 'tariff:write', 'numbers:write', 'top-up'];

/** The elements on the bank's page: their chunks are preloaded with their integrity. */
const PAGE_ELEMENTS = ['kb-provider', 'kb-balance-card', 'kb-tariff-picker', 'kb-number-switcher', 'kb-top-up-form'];

const PREFIX = '/partner-bank/';
const SESSION_PATH = `${PREFIX}api/kabinet-session`;
const REFRESH_PATH = `${SESSION_PATH}/refresh`;
const COOKIE = 'bank_session';
/** A bank session lasts a working day here; older ones are forgotten. */
const BANK_SESSION_MS = 12 * 60 * 60 * 1000;

/** The page's own files, served as they are; nothing else in the folder (this file included) is served. */
const PUBLIC_FILES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
  'logo.svg': 'image/svg+xml',
};

export interface PartnerBankOptions {
  /** The repository root: the page is in examples/partner-bank/, the bundle in dist/cdn/. */
  root: string;
  /** Origin of the Kabinet API, such as `http://127.0.0.1:8787`. */
  apiOrigin: string;
  /** The partner secret key; default `KABINET_SECRET_KEY`, else `sk_test_demo` (test mode). */
  secretKey?: string;
  /** Headers every answer carries (the host's Content-Security-Policy and the like). */
  headers?: Record<string, string>;
}

export interface PartnerBank {
  /** Answers a request under /partner-bank/ and returns true; returns false for any other path. */
  handle(request: IncomingMessage, response: ServerResponse): Promise<boolean>;
}

/** What the bank keeps per signed-in visitor: the Kabinet session it minted for them. */
interface BankSession {
  startedAt: number;
  kabinet?: { id: string; token: string; expiresAt: string };
}

interface CdnManifest {
  loader: string;
  elements: Record<string, { files: string[] }>;
  integrity?: Record<string, string>;
}

/** A failure the page is told about as `{ error: { code, message } }` with `status`. */
class BankError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The bank's backend for the examples host. */
export function createPartnerBank(options: PartnerBankOptions): PartnerBank {
  const secretKey = options.secretKey ?? process.env.KABINET_SECRET_KEY ?? 'sk_test_demo';
  const headers = options.headers ?? {};
  const folder = join(options.root, 'examples/partner-bank');
  const sessions = new Map<string, BankSession>();

  /** The visitor's bank session from the cookie, if the bank knows it. */
  function bankSession(request: IncomingMessage): BankSession | undefined {
    const id = cookie(request, COOKIE);
    const session = id ? sessions.get(id) : undefined;
    if (session && Date.now() - session.startedAt < BANK_SESSION_MS) return session;
    if (id) sessions.delete(id);
    return undefined;
  }

  /** Signs the visitor in as the demo customer: a new bank session and its cookie. */
  function signIn(response: ServerResponse): BankSession {
    const now = Date.now();
    for (const [id, session] of sessions) if (now - session.startedAt >= BANK_SESSION_MS) sessions.delete(id);
    const id = randomUUID();
    const session: BankSession = { startedAt: now };
    sessions.set(id, session);
    // On HTTPS a real bank adds `Secure` and names it `__Host-…`.
    response.setHeader('Set-Cookie', `${COOKIE}=${id}; Path=${PREFIX}; HttpOnly; SameSite=Strict`);
    return session;
  }

  /** Calls the Kabinet API with the secret key, from this server (no Origin header). */
  async function kabinet(path: string, body?: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${options.apiOrigin}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${secretKey}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
    } catch {
      throw new BankError(503, 'kabinet_unavailable', 'The Kabinet API did not answer; try again later');
    }
    const payload: unknown = await response.json().catch(() => null);
    if (response.ok) return payload;
    const problem = (payload ?? {}) as { code?: unknown; detail?: unknown; title?: unknown };
    const code = typeof problem.code === 'string' ? problem.code : `http_${response.status}`;
    if (response.status === 404) throw new BankError(404, code, 'The Kabinet session has ended');
    const reason = typeof problem.detail === 'string' ? problem.detail : typeof problem.title === 'string' ? problem.title : '';
    throw new BankError(502, `kabinet_${code}`, `The Kabinet API refused the session (${response.status} ${code})${reason ? `: ${reason}` : ''}`);
  }

  /** Mints a Kabinet session for the customer and remembers it in the bank session. */
  async function mint(session: BankSession): Promise<{ token: string; expiresAt: string }> {
    const minted = (await kabinet('/v1/partner/sessions', { msisdn: DEMO_CUSTOMER.msisdn, scopes: KABINET_SCOPES })) as Record<string, unknown>;
    const { id, token, expiresAt } = minted ?? {};
    if (typeof id !== 'string' || typeof token !== 'string' || typeof expiresAt !== 'string') {
      throw new BankError(502, 'kabinet_bad_response', 'The Kabinet API answered without a session');
    }
    session.kabinet = { id, token, expiresAt };
    return { token, expiresAt };
  }

  /** 15 more minutes for the customer's Kabinet session; a new one when it has ended (or there is none). */
  async function refresh(session: BankSession): Promise<{ token: string; expiresAt: string }> {
    const current = session.kabinet;
    if (!current) return mint(session);
    try {
      const refreshed = (await kabinet(`/v1/partner/sessions/${encodeURIComponent(current.id)}/refresh`)) as Record<string, unknown>;
      if (typeof refreshed?.expiresAt !== 'string') throw new BankError(502, 'kabinet_bad_response', 'The Kabinet API answered without a deadline');
      current.expiresAt = refreshed.expiresAt;
      return { token: current.token, expiresAt: current.expiresAt };
    } catch (error) {
      if (error instanceof BankError && error.status === 404) return mint(session);
      throw error;
    }
  }

  async function api(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void> {
    const json = (status: number, body: unknown, extra: Record<string, string> = {}): void => {
      response.writeHead(status, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...extra });
      response.end(JSON.stringify(body));
    };
    const fail = (error: BankError): void => json(error.status, { error: { code: error.code, message: error.message } });
    if (pathname !== SESSION_PATH && pathname !== REFRESH_PATH) return fail(new BankError(404, 'not_found', 'No such endpoint'));
    if (request.method !== 'POST') return json(405, { error: { code: 'method_not_allowed', message: 'Use POST' } }, { Allow: 'POST' });
    if (!isSameOrigin(request)) return fail(new BankError(403, 'cross_site', 'Only the bank’s own pages may ask for a session'));
    const session = bankSession(request);
    if (!session) return fail(new BankError(401, 'signed_out', 'Sign in to the bank first (reload the page)'));
    try {
      return json(200, await (pathname === REFRESH_PATH ? refresh(session) : mint(session)));
    } catch (error) {
      if (error instanceof BankError) return fail(error.status === 404 ? new BankError(502, 'kabinet_not_found', error.message) : error);
      console.error('partner bank: minting a Kabinet session failed', error);
      return fail(new BankError(500, 'internal_error', 'The bank could not get a session; try again'));
    }
  }

  async function page(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const manifest = (await readFile(join(options.root, 'dist/cdn/manifest.json'), 'utf8')
      .then((text) => JSON.parse(text) as CdnManifest)
      .catch(() => undefined));
    const integrity = manifest?.integrity;
    if (!manifest || !integrity) {
      // Never serve the page without integrity: the bundle would run unchecked.
      response.writeHead(503, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('dist/cdn/manifest.json is missing or has no integrity: run npm run build.');
      return;
    }
    const files = [...new Set(PAGE_ELEMENTS.flatMap((tag) => manifest.elements[tag]?.files ?? []))].sort();
    const preloads = files
      .map((file) => `<link rel="modulepreload" href="/dist/cdn/${escape(file)}" integrity="${escape(integrity[file] ?? '')}" crossorigin="anonymous" />`)
      .join('\n    ');
    const session = bankSession(request) ?? signIn(response);
    // The page comes with its token: a failure here only means app.js asks again (and explains if that fails too).
    const kabinetSession = await mint(session).catch((error: unknown) => {
      if (!(error instanceof BankError)) console.error('partner bank: minting a Kabinet session for the page failed', error);
      return undefined;
    });
    const sessionAttributes = kabinetSession
      ? `api-base="${escape(options.apiOrigin)}" session-token="${escape(kabinetSession.token)}" data-expires-at="${escape(kabinetSession.expiresAt)}"`
      : '';
    const template = await readFile(join(folder, 'index.html'), 'utf8');
    const html = template
      .replace('%KABINET_SESSION%', sessionAttributes)
      .replace('%LOADING_HIDDEN%', kabinetSession ? 'hidden' : '')
      .replace('%WIDGETS_HIDDEN%', kabinetSession ? '' : 'hidden')
      .replace('<!-- kabinet-preloads -->', preloads)
      .replaceAll('%KABINET_LOADER%', escape(`/dist/cdn/${manifest.loader}`))
      .replaceAll('%KABINET_LOADER_INTEGRITY%', escape(integrity[manifest.loader] ?? ''))
      .replaceAll('%KABINET_API%', escape(options.apiOrigin))
      .replaceAll('%CUSTOMER_NAME%', escape(DEMO_CUSTOMER.name))
      .replaceAll('%CUSTOMER_MSISDN%', escape(DEMO_CUSTOMER.msisdn))
      .replaceAll('%CUSTOMER_NUMBER%', escape(DEMO_CUSTOMER.shown));
    // no-store: the page carries a session token.
    response.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    response.end(request.method === 'HEAD' ? undefined : html);
  }

  async function files(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    const text = (status: number, body: string, extra: Record<string, string> = {}): void => {
      response.writeHead(status, { ...headers, 'Content-Type': 'text/plain; charset=utf-8', ...extra }).end(body);
    };
    const isPage = name === '' || name === 'index.html';
    if (!isPage && !Object.hasOwn(PUBLIC_FILES, name)) return text(404, 'Not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    if (isPage) return page(request, response);
    const body = await readFile(join(folder, name));
    response.writeHead(200, { ...headers, 'Content-Type': PUBLIC_FILES[name]! });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    if (pathname === PREFIX.slice(0, -1)) {
      response.writeHead(301, { Location: PREFIX }).end();
      return true;
    }
    if (!pathname.startsWith(PREFIX)) return false;
    try {
      if (pathname.startsWith(`${PREFIX}api/`)) await api(request, response, pathname);
      else await files(request, response, pathname.slice(PREFIX.length));
    } catch (error) {
      console.error('partner bank:', error);
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Internal error');
    }
    return true;
  }

  return { handle };
}

/**
 * A request from the bank's own page: browsers send `Sec-Fetch-Site` and
 * `Origin` with a POST, and a page on another site cannot make them say
 * same-origin. A request with neither (not from a browser) is refused too.
 */
function isSameOrigin(request: IncomingMessage): boolean {
  const site = request.headers['sec-fetch-site'];
  const origin = request.headers.origin;
  if (site === undefined && origin === undefined) return false;
  if (site !== undefined && site !== 'same-origin') return false;
  return origin === undefined || origin === `http://${request.headers.host}`;
}

function cookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** Escapes a value for an HTML attribute or text. */
function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
