/**
 * One error hierarchy for everything the client can fail with. Widgets branch
 * on the class (or on `code`) to explain the failure; `problem` carries the
 * server's RFC 9457 document when there was one.
 *
 * @example
 * try {
 *   await client.auth.verifyCode(challenge.challengeId, '000000');
 * } catch (error) {
 *   if (error instanceof AuthError) showAttemptsLeft(error.attemptsLeft);
 *   else if (error instanceof RefusedError && error.code === 'otp_locked') askForNewCode();
 *   else throw error;
 * }
 */
import type { BaseIssue } from 'valibot';
import type { FieldError, Problem } from './schemas.js';

/** What every {@link KabinetError} is built from. */
export interface KabinetErrorInit {
  code: string;
  /** HTTP status; 0 when no response arrived. */
  status: number;
  problem?: Problem | undefined;
  request?: Request | undefined;
  response?: Response | undefined;
  cause?: unknown;
}

/**
 * Base class of every error the client throws (except an abort the caller
 * asked for, which stays the platform's `AbortError`).
 *
 * @example
 * if (error instanceof KabinetError) console.warn(error.code, error.status);
 */
export class KabinetError extends Error {
  /** Stable machine-readable code: a problem `code`, or `http_<status>`, `network_error`, `timeout`, `invalid_response`. */
  readonly code: string;
  /** HTTP status of the response; 0 for network failures. */
  readonly status: number;
  /** The server's problem document, when the body was one. */
  readonly problem: Problem | undefined;
  readonly request?: Request;
  readonly response?: Response;

  constructor(message: string, init: KabinetErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.code = init.code;
    this.status = init.status;
    this.problem = init.problem;
    if (init.request) this.request = init.request;
    if (init.response) this.response = init.response;
  }
}

/**
 * No usable response: the connection failed (`network_error`) or the request
 * took longer than the client's timeout (`timeout`).
 *
 * @example
 * if (error instanceof NetworkError) showOfflineNotice();
 */
export class NetworkError extends KabinetError {
  declare readonly code: 'network_error' | 'timeout';
}

/**
 * The response body does not match its schema: the server and this client
 * disagree about the contract. `issues` are valibot's.
 *
 * @example
 * if (error instanceof ResponseValidationError) report(error.issues);
 */
export class ResponseValidationError extends KabinetError {
  /** Valibot issues (empty when the body was not JSON at all). */
  readonly issues: readonly BaseIssue<unknown>[];

  constructor(message: string, init: Omit<KabinetErrorInit, 'code'> & { issues: readonly BaseIssue<unknown>[] }) {
    super(message, { ...init, code: 'invalid_response' });
    this.issues = init.issues;
  }
}

/**
 * The request was refused because of its content: `validation_failed` and
 * friends. `fields` point into the request body with JSON pointers.
 *
 * @example
 * const phoneError = error.fieldError('/phone'); // { pointer: '/phone', code, detail }
 */
export class ValidationError extends KabinetError {
  /** One entry per invalid field (may be empty for body-level errors). */
  readonly fields: readonly FieldError[];

  constructor(message: string, init: KabinetErrorInit) {
    super(message, init);
    this.fields = init.problem?.errors ?? [];
  }

  /** The first error at `pointer` (a JSON pointer such as `/phone`), if any. */
  fieldError(pointer: string): FieldError | undefined {
    return this.fields.find((field) => field.pointer === pointer);
  }
}

/**
 * 401: not signed in (`unauthenticated`) or a wrong / expired one-time code
 * (`otp_invalid`, `otp_expired`).
 *
 * @example
 * if (error instanceof AuthError && error.attemptsLeft !== undefined) hint(error.attemptsLeft);
 */
export class AuthError extends KabinetError {
  /** Code attempts left before the sign-in is locked, when the server says. */
  readonly attemptsLeft: number | undefined;

  constructor(message: string, init: KabinetErrorInit) {
    super(message, init);
    this.attemptsLeft = init.problem?.attemptsLeft;
  }
}

/**
 * 401 `session_expired`: the session ended (20 minutes without activity).
 * The client has already dropped the token and told `onSessionExpired`.
 *
 * @example
 * if (error instanceof SessionExpiredError) showSignIn();
 */
export class SessionExpiredError extends AuthError {}

/**
 * 429: too many requests. `retryAfter` is in seconds (from `Retry-After`, else
 * the problem body), or `undefined` when the server did not say.
 *
 * @example
 * if (error instanceof RateLimitedError) startResendTimer(error.retryAfter ?? 60);
 */
export class RateLimitedError extends KabinetError {
  readonly retryAfter: number | undefined;

  constructor(message: string, init: KabinetErrorInit & { retryAfter?: number | undefined }) {
    super(message, init);
    this.retryAfter = init.retryAfter;
  }
}

/**
 * A business rule said no: `otp_locked`, `captcha_required`,
 * `insufficient_funds`, `number_blocked`, `forbidden`, `not_found`,
 * `scope_missing` (a partner's token lacks `problem.scope`), …
 * The widget explains `code`; retrying the same request will not help.
 *
 * @example
 * if (error instanceof RefusedError && error.code === 'captcha_required') showCaptcha();
 */
export class RefusedError extends KabinetError {
  readonly attemptsLeft: number | undefined;

  constructor(message: string, init: KabinetErrorInit) {
    super(message, init);
    this.attemptsLeft = init.problem?.attemptsLeft;
  }
}

/**
 * 5xx: the server (or the operator's system behind it) failed. Safe requests
 * were already retried before this reached you.
 *
 * @example
 * if (error instanceof ServerError) showRetryButton();
 */
export class ServerError extends KabinetError {}
