/**
 * The one HTTP instance of a client: base URL, timeout, retries that honour
 * `Retry-After`, auth and locale headers, and the translation of every outcome
 * into either a schema-checked body or a {@link KabinetError}.
 */
import ky, { HTTPError, TimeoutError, type KyInstance } from 'ky';
import * as v from 'valibot';
import { NetworkError, ResponseValidationError, type KabinetError } from './errors.js';
import { errorFromResponse, parseRetryAfter } from './error-from-response.js';
import { IDEMPOTENCY_HEADER } from './idempotency.js';
import type { Locale } from './money.js';
import { ProblemSchema, type Problem } from './schemas.js';

/** How the client's HTTP instance is set up. */
export interface HttpOptions {
  baseUrl: string;
  fetch?: typeof globalThis.fetch | undefined;
  timeout: number;
  retry: number;
  /** The bearer credential to send now (read per request: it changes on sign-in and expiry). */
  credential(): string | undefined;
  locale(): Locale | undefined;
  /** Called after every answered request that carried `credential`; `error` is set when it failed. */
  onOutcome?(outcome: { credential: string | undefined; error: KabinetError | undefined }): void;
}

/** What one call can say beyond method and path. */
export interface CallOptions {
  signal?: AbortSignal | undefined;
  json?: unknown;
  searchParams?: Record<string, string> | undefined;
  headers?: Record<string, string> | undefined;
}

export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Sends requests and returns validated bodies. */
export interface Http {
  /** Sends a request and validates the JSON body against `schema`. */
  request<S extends v.GenericSchema>(method: HttpMethod, path: string, schema: S, options?: CallOptions): Promise<v.InferOutput<S>>;
  /** Sends a request whose body (if any) does not matter. */
  request(method: HttpMethod, path: string, schema: null, options?: CallOptions): Promise<void>;
}

/** A server asking for a longer pause than this gets an error now rather than a frozen UI. */
const MAX_RETRY_AFTER_MS = 10_000;

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/** Retrying these cannot make things worse: reads, and writes the server deduplicates by key. */
function isRetriable(method: HttpMethod, headers: Record<string, string> | undefined): boolean {
  if (SAFE_METHODS.has(method)) return true;
  return Object.keys(headers ?? {}).some((name) => name.toLowerCase() === IDEMPOTENCY_HEADER.toLowerCase());
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

/**
 * Rejects as soon as `signal` aborts, even when a custom `fetch` (an in-page
 * sandbox, say) ignores the signal.
 */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    // Handled first, whatever the signal says: a promise left behind would end as an unhandled rejection.
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function isJson(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return /^application\/([\w.-]+\+)?json\b/i.test(type);
}

async function problemOf(response: Response): Promise<Problem | undefined> {
  if (!isJson(response)) return undefined;
  try {
    const result = v.safeParse(ProblemSchema, JSON.parse(await response.text()));
    return result.success ? result.output : undefined;
  } catch {
    return undefined;
  }
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Creates the client's one ky instance and the call function around it. */
export function createHttp(options: HttpOptions): Http {
  const instance: KyInstance = ky.create({
    prefixUrl: options.baseUrl,
    timeout: options.timeout,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    retry: {
      limit: options.retry,
      // Every method may retry here; `isRetriable` turns retries off per call for unsafe writes.
      methods: ['get', 'head', 'put', 'post', 'patch', 'delete'],
      statusCodes: [408, 429, 500, 502, 503, 504],
      afterStatusCodes: [429, 503],
      maxRetryAfter: MAX_RETRY_AFTER_MS,
      shouldRetry: ({ error }) => {
        if (isAbort(error)) return false;
        if (error instanceof HTTPError) {
          const seconds = parseRetryAfter(error.response.headers.get('Retry-After'));
          if (seconds !== undefined && seconds * 1000 > MAX_RETRY_AFTER_MS) return false;
        }
        return undefined;
      },
    },
  });

  async function request(
    method: HttpMethod,
    path: string,
    schema: v.GenericSchema | null,
    call: CallOptions = {},
  ): Promise<unknown> {
    // A call abandoned before it started (a widget mounted and removed at once) sends nothing.
    call.signal?.throwIfAborted();
    const credential = options.credential();
    const locale = options.locale();
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...call.headers };
    if (credential) headers.authorization = `Bearer ${credential}`;
    if (locale) headers['accept-language'] = locale;
    const report = (error: KabinetError | undefined): void => options.onOutcome?.({ credential, error });

    let response: Response;
    try {
      response = await abortable(
        instance(path.replace(/^\//, ''), {
          method,
          headers,
          ...(call.json === undefined ? {} : { json: call.json }),
          ...(call.searchParams ? { searchParams: call.searchParams } : {}),
          ...(call.signal ? { signal: call.signal } : {}),
          ...(isRetriable(method, call.headers) ? {} : { retry: 0 }),
        }),
        call.signal,
      );
    } catch (cause) {
      if (call.signal?.aborted) throw call.signal.reason;
      if (isAbort(cause)) throw cause;
      let error: KabinetError;
      if (cause instanceof HTTPError) {
        error = errorFromResponse(cause.response, await problemOf(cause.response), cause.request);
        report(error);
      } else if (cause instanceof TimeoutError) {
        error = new NetworkError(`No answer within ${options.timeout} ms`, { code: 'timeout', status: 0, request: cause.request, cause });
      } else {
        const message = cause instanceof Error ? cause.message : String(cause);
        error = new NetworkError(`Network error: ${message}`, { code: 'network_error', status: 0, cause });
      }
      throw error;
    }

    if (schema === null) {
      await response.body?.cancel().catch(() => undefined);
      report(undefined);
      return undefined;
    }
    let body: unknown;
    try {
      body = JSON.parse(await response.text());
    } catch (cause) {
      if (call.signal?.aborted) throw call.signal.reason;
      const error = new ResponseValidationError(`${method} ${path}: the response body is not JSON`, { status: response.status, response, issues: [], cause });
      report(error);
      throw error;
    }
    const result = v.safeParse(schema, body);
    if (!result.success) {
      const error = new ResponseValidationError(`${method} ${path}: the response does not match its schema (${describeIssues(result.issues)})`, {
        status: response.status,
        response,
        issues: result.issues,
      });
      report(error);
      throw error;
    }
    report(undefined);
    return result.output;
  }

  return { request } as Http;
}
