import type { FieldError } from '@kabinet/client/contract';

/** Base of every problem `type` URI. */
export const PROBLEM_BASE = 'https://kabinet.dev/problems/';

const TITLES: Record<string, string> = {
  validation_failed: 'The request has invalid fields',
  malformed_json: 'The request body is not valid JSON',
  unsupported_media_type: 'The request body must be application/json',
  payload_too_large: 'The request body is too large',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  unauthenticated: 'Authentication required',
  session_expired: 'The session has expired',
  forbidden: 'Forbidden',
  scope_missing: 'The session token lacks the scope this needs',
  origin_not_allowed: 'This origin is not allowed',
  otp_invalid: 'Wrong code',
  otp_expired: 'The code has expired',
  otp_locked: 'Too many wrong codes',
  rate_limited: 'Too many requests',
  captcha_required: 'A captcha is required',
  captcha_invalid: 'The captcha was not solved',
  service_unavailable: 'The service is temporarily unavailable',
  internal_error: 'Internal error',
  tariff_unavailable: 'The tariff is not open to this number',
  tariff_already_active: 'The number is already on this tariff',
  already_linked: 'The number is already in the account',
  owner_mismatch: 'The number belongs to another owner',
  region_mismatch: 'The number is served in another region',
  number_management_required: 'The "Number management" service is not active',
  tariff_not_linkable: "The number's tariff cannot be linked",
  password_invalid: 'Wrong password',
  primary_number: 'The primary number cannot be changed this way',
};

/** Extensions a problem may carry beside the RFC 9457 members. */
export interface ProblemExtensions {
  errors?: FieldError[];
  retryAfter?: number;
  attemptsLeft?: number;
  [name: string]: unknown;
}

/**
 * A refusal that becomes an `application/problem+json` response. Throw it
 * from any handler; the app's error handler renders it.
 *
 * @example
 * throw new ProblemError(429, 'rate_limited', 'Wait before asking for a new code', { retryAfter: 42 });
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly extensions: ProblemExtensions;
  readonly headers: Record<string, string>;

  constructor(status: number, code: string, detail?: string, extensions: ProblemExtensions = {}, headers: Record<string, string> = {}) {
    super(detail ?? code);
    this.name = 'ProblemError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.extensions = extensions;
    this.headers = headers;
  }
}

/** A 422 `validation_failed` for field errors. */
export function validationProblem(errors: FieldError[]): ProblemError {
  const detail = errors.map((error) => `${error.pointer || '(body)'}: ${error.detail}`).join('; ');
  return new ProblemError(422, 'validation_failed', detail, { errors });
}

/** Renders a problem; `Retry-After` is set whenever the problem states one. */
export function problemResponse(problem: ProblemError, instance?: string): Response {
  const body = {
    type: `${PROBLEM_BASE}${problem.code}`,
    title: TITLES[problem.code] ?? problem.code,
    status: problem.status,
    ...(problem.detail === undefined ? {} : { detail: problem.detail }),
    ...(instance === undefined ? {} : { instance }),
    code: problem.code,
    ...problem.extensions,
  };
  const headers = new Headers({ 'content-type': 'application/problem+json', ...problem.headers });
  if (problem.extensions.retryAfter !== undefined) headers.set('retry-after', String(problem.extensions.retryAfter));
  return new Response(JSON.stringify(body), { status: problem.status, headers });
}
