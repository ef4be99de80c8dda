import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  AuthError,
  KabinetError,
  RateLimitedError,
  RefusedError,
  ServerError,
  SessionExpiredError,
  ValidationError,
  errorFromResponse,
  type Problem,
} from '../src/index.js';

function problem(status: number, code: string, extra: Partial<Problem> = {}): Problem {
  return { type: `https://kabinet.dev/problems/${code}`, title: code, status, code, ...extra };
}

function respond(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, { status, headers });
}

describe('errorFromResponse', () => {
  it('maps validation_failed to ValidationError with field pointers', () => {
    const error = errorFromResponse(
      respond(422),
      problem(422, 'validation_failed', { errors: [{ pointer: '/phone', code: 'invalid_phone', detail: 'Not a mobile number' }] }),
    );
    assert.ok(error instanceof ValidationError);
    assert.equal(error.fieldError('/phone')?.code, 'invalid_phone');
    assert.equal(error.fieldError('/code'), undefined);
  });

  it('maps a wrong code to AuthError with the attempts left', () => {
    const error = errorFromResponse(respond(401), problem(401, 'otp_invalid', { attemptsLeft: 2 }));
    assert.ok(error instanceof AuthError);
    assert.ok(!(error instanceof SessionExpiredError));
    assert.equal(error.attemptsLeft, 2);
  });

  it('maps session_expired to SessionExpiredError, which is an AuthError', () => {
    const error = errorFromResponse(respond(401), problem(401, 'session_expired'));
    assert.ok(error instanceof SessionExpiredError);
    assert.ok(error instanceof AuthError);
    assert.equal(error.name, 'SessionExpiredError');
  });

  it('takes retryAfter from the Retry-After header before the body', () => {
    const error = errorFromResponse(respond(429, { 'Retry-After': '42' }), problem(429, 'rate_limited', { retryAfter: 7 }));
    assert.ok(error instanceof RateLimitedError);
    assert.equal(error.retryAfter, 42);
  });

  it('falls back to the body for retryAfter, and reads HTTP dates in the header', () => {
    const fromBody = errorFromResponse(respond(429), problem(429, 'rate_limited', { retryAfter: 7 }));
    assert.equal((fromBody as RateLimitedError).retryAfter, 7);
    const date = new Date(Date.now() + 30_000).toUTCString();
    const fromDate = errorFromResponse(respond(429, { 'Retry-After': date }), undefined);
    assert.ok(fromDate instanceof RateLimitedError);
    assert.ok(fromDate.retryAfter! >= 28 && fromDate.retryAfter! <= 30, String(fromDate.retryAfter));
  });

  for (const [status, code] of [
    [423, 'otp_locked'],
    [403, 'captcha_required'],
    [400, 'captcha_invalid'],
    [409, 'insufficient_funds'],
    [409, 'number_blocked'],
    [403, 'forbidden'],
    [404, 'not_found'],
  ] as const) {
    it(`maps ${status} ${code} to RefusedError`, () => {
      const error = errorFromResponse(respond(status), problem(status, code));
      assert.ok(error instanceof RefusedError);
      assert.equal(error.code, code);
      assert.equal(error.status, status);
    });
  }

  it('maps 5xx to ServerError', () => {
    assert.ok(errorFromResponse(respond(503), problem(503, 'service_unavailable')) instanceof ServerError);
    assert.ok(errorFromResponse(respond(500), undefined) instanceof ServerError);
  });

  it('gives a body that is not a problem the code http_<status>', () => {
    const error = errorFromResponse(respond(418), undefined);
    assert.equal(error.constructor, KabinetError);
    assert.equal(error.code, 'http_418');
    assert.equal(error.status, 418);
    assert.equal(error.problem, undefined);
  });

  it('keeps the problem, request and response on the error', () => {
    const request = new Request('http://127.0.0.1:8787/v1/me');
    const response = respond(404);
    const body = problem(404, 'not_found', { detail: 'No such number on this account' });
    const error = errorFromResponse(response, body, request);
    assert.equal(error.message, 'No such number on this account');
    assert.equal(error.problem, body);
    assert.equal(error.request, request);
    assert.equal(error.response, response);
    assert.ok(error instanceof Error);
  });
});
