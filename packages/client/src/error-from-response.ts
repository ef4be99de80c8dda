/**
 * How the client reads a failed response: the status, the RFC 9457 problem
 * document and `Retry-After` become one of the {@link KabinetError} classes.
 * Only the transport needs this; the classes themselves (in errors.ts) are
 * what widgets check against, so they stay small.
 */
import {
  AuthError,
  KabinetError,
  RateLimitedError,
  RefusedError,
  ServerError,
  SessionExpiredError,
  ValidationError,
  type KabinetErrorInit,
} from './errors.js';
import type { Problem } from './schemas.js';

/** Codes that mean "a rule refused this", whatever 4xx status carries them. */
const REFUSAL_CODES = new Set([
  'otp_locked',
  'captcha_required',
  'captcha_invalid',
  'insufficient_funds',
  'number_blocked',
  'forbidden',
  'not_found',
  'origin_not_allowed',
  'idempotency_key_reused',
  'idempotency_key_in_flight',
  'tariff_unavailable',
  'tariff_already_active',
  // A partner-minted token without the operation's scope: another try with the same token is refused again.
  'scope_missing',
]);

/** Codes about the request's content rather than a business rule. */
const VALIDATION_CODES = new Set([
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'idempotency_key_required',
]);

const AUTH_CODES = new Set(['unauthenticated', 'otp_invalid', 'otp_expired', 'session_expired']);

/** Statuses whose meaning is a refusal even without a known code. */
const REFUSAL_STATUSES = new Set([403, 404, 409, 423]);

/**
 * Seconds to wait from a `Retry-After` header (delta-seconds or an HTTP date),
 * or `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/**
 * Maps an error response (and its problem document, when it had one) to the
 * right class of the hierarchy. Non-problem bodies get the code `http_<status>`.
 *
 * @example
 * const error = errorFromResponse(response, problem, request);
 * error instanceof RateLimitedError; // for a 429
 */
export function errorFromResponse(
  response: Response,
  problem: Problem | undefined,
  request?: Request,
): KabinetError {
  const status = response.status;
  const code = problem?.code ?? `http_${status}`;
  const message = problem?.detail ?? problem?.title ?? `HTTP ${status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const init: KabinetErrorInit = { code, status, problem, request, response };

  if (code === 'session_expired') return new SessionExpiredError(message, init);
  if (status === 401 || AUTH_CODES.has(code)) return new AuthError(message, init);
  if (status === 429 || code === 'rate_limited') {
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After')) ?? problem?.retryAfter;
    return new RateLimitedError(message, { ...init, retryAfter });
  }
  if (status >= 500) return new ServerError(message, init);
  if (REFUSAL_CODES.has(code)) return new RefusedError(message, init);
  if (VALIDATION_CODES.has(code) || status === 422 || (problem?.errors?.length ?? 0) > 0) {
    return new ValidationError(message, init);
  }
  if (REFUSAL_STATUSES.has(status)) return new RefusedError(message, init);
  return new KabinetError(message, init);
}
