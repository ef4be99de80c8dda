import * as contract from '@kabinet/client/contract';
import { toJsonSchemaDefs, type JsonSchema } from '@valibot/to-json-schema';

/**
 * Every schema the document publishes, by component name. The components are
 * generated from these valibot schemas, so the document cannot drift from
 * what the sandbox validates and the client parses.
 */
export const COMPONENT_SCHEMAS = {
  Problem: contract.ProblemSchema,
  FieldError: contract.FieldErrorSchema,
  Money: contract.MoneySchema,
  Msisdn: contract.MsisdnSchema,
  Health: contract.HealthSchema,
  OtpRequest: contract.OtpRequestSchema,
  OtpChallenge: contract.OtpChallengeSchema,
  OtpVerify: contract.OtpVerifySchema,
  Session: contract.SessionSchema,
  AccountNumber: contract.AccountNumberSchema,
  Me: contract.MeSchema,
  Bucket: contract.BucketSchema,
  Block: contract.BlockSchema,
  Balance: contract.BalanceSchema,
  Sms: contract.SmsSchema,
  ClockRequest: contract.ClockRequestSchema,
  Clock: contract.ClockSchema,
  Faults: contract.FaultsSchema,
  TariffRef: contract.TariffRefSchema,
  Tariff: contract.TariffSchema,
  ScheduledTariffChange: contract.ScheduledTariffChangeSchema,
  TariffList: contract.TariffListSchema,
  CurrentTariff: contract.CurrentTariffSchema,
  TariffChangeRequest: contract.TariffChangeRequestSchema,
  TariffChange: contract.TariffChangeSchema,
  LinkRequest: contract.LinkRequestSchema,
  LinkUpdate: contract.LinkUpdateSchema,
  CardTokenRequest: contract.CardTokenRequestSchema,
  CardToken: contract.CardTokenSchema,
  TopUpSource: contract.TopUpSourceSchema,
  TopUpRequest: contract.TopUpRequestSchema,
  TopUp: contract.TopUpSchema,
  ChallengeAnswer: contract.ChallengeAnswerSchema,
  TransferRequest: contract.TransferRequestSchema,
  Transfer: contract.TransferSchema,
  Service: contract.ServiceSchema,
  ServiceChangeRequest: contract.ServiceChangeRequestSchema,
  StatementEntry: contract.StatementEntrySchema,
  Statement: contract.StatementSchema,
  BlockRequest: contract.BlockRequestSchema,
  Bonus: contract.BonusSchema,
  BonusTransferRequest: contract.BonusTransferRequestSchema,
  PasswordChangeRequest: contract.PasswordChangeRequestSchema,
  AuditEntry: contract.AuditEntrySchema,
  PartnerSessionRequest: contract.PartnerSessionRequestSchema,
  PartnerSession: contract.PartnerSessionSchema,
  PartnerSessionInfo: contract.PartnerSessionInfoSchema,
} as const;

export type ComponentName = keyof typeof COMPONENT_SCHEMAS;

/** The JSON Schemas of {@link COMPONENT_SCHEMAS}, with references pointing into `components.schemas`. */
export function componentSchemas(): Record<ComponentName, JsonSchema> {
  const defs = toJsonSchemaDefs(COMPONENT_SCHEMAS, { target: 'draft-2020-12', errorMode: 'ignore' });
  const text = JSON.stringify(defs).replaceAll('"#/$defs/', '"#/components/schemas/');
  return JSON.parse(text) as Record<ComponentName, JsonSchema>;
}

type Auth = 'none' | 'session' | 'publishable' | 'session-or-publishable' | 'secret';

/** One operation of the API, as the sandbox serves (or will serve) it. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form: `/v1/numbers/{msisdn}/balance`. */
  path: string;
  status: 'implemented' | 'planned';
  tag: string;
  summary: string;
  auth: Auth;
  /**
   * The scope a session token needs (403 `scope_missing` without it). The
   * route table enforces it; absent only where any session will do (sign-out)
   * or no session is accepted.
   */
  scope?: contract.Scope;
  request?: ComponentName;
  query?: { name: string; required: boolean; description: string }[];
  /** Money-moving requests: `Idempotency-Key` is required. */
  idempotent?: boolean;
  success: { status: number; schema?: ComponentName; array?: boolean; description: string };
  /** Problem statuses this operation may answer with, beside the generic ones. */
  problems: number[];
}

const op = (operation: Operation): Operation => operation;

/** The resource model of all of DOMAIN.md; `planned` operations are documented but not routed yet. */
export const OPERATIONS: readonly Operation[] = [
  op({ method: 'get', path: '/healthz', status: 'implemented', tag: 'meta', summary: 'Liveness and which store is in use', auth: 'none', success: { status: 200, schema: 'Health', description: 'Alive' }, problems: [] }),
  op({ method: 'get', path: '/openapi.json', status: 'implemented', tag: 'meta', summary: 'This document', auth: 'none', success: { status: 200, description: 'OpenAPI 3.1 document' }, problems: [] }),
  op({ method: 'post', path: '/v1/auth/otp', status: 'implemented', tag: 'auth', summary: 'Send a sign-in code by SMS from 3339 (captcha after the 3rd code in an hour; 1 per 60 s; 5 per hour)', auth: 'none', request: 'OtpRequest', success: { status: 202, schema: 'OtpChallenge', description: 'Code sent' }, problems: [400, 422, 429] }),
  op({ method: 'post', path: '/v1/auth/otp/verify', status: 'implemented', tag: 'auth', summary: 'Exchange the code for a session (3 wrong codes lock until a new code)', auth: 'none', request: 'OtpVerify', success: { status: 200, schema: 'Session', description: 'Signed in' }, problems: [401, 423] }),
  op({ method: 'post', path: '/v1/auth/logout', status: 'implemented', tag: 'auth', summary: 'End the session', auth: 'session', success: { status: 204, description: 'Signed out' }, problems: [401] }),
  op({ method: 'get', path: '/v1/me', status: 'implemented', tag: 'account', summary: 'The account: owner, primary and linked numbers', auth: 'session', scope: 'account:read', success: { status: 200, schema: 'Me', description: 'The account' }, problems: [401] }),
  op({ method: 'get', path: '/v1/numbers/{msisdn}/balance', status: 'implemented', tag: 'balance', summary: 'Money balance, tariff, package remainders and block of a number', auth: 'session', scope: 'balance:read', success: { status: 200, schema: 'Balance', description: 'The balance' }, problems: [401, 403, 404, 422] }),
  op({ method: 'post', path: '/v1/links/otp', status: 'implemented', tag: 'numbers', summary: 'Send a code to the number being linked, to prove control of it (the sign-in code limits apply)', auth: 'session', scope: 'numbers:write', request: 'OtpRequest', success: { status: 202, schema: 'OtpChallenge', description: 'Code sent' }, problems: [400, 401, 409, 422, 429] }),
  op({ method: 'post', path: '/v1/links', status: 'implemented', tag: 'numbers', summary: "Link another number with its password or an SMS code; refused for another owner or region, without number management on either number, on an excluded tariff, blocked or already linked; pending for 2 business days; resets the added number's password", auth: 'session', scope: 'numbers:write', request: 'LinkRequest', success: { status: 201, schema: 'AccountNumber', description: 'Link pending' }, problems: [401, 403, 409, 422, 423, 429] }),
  op({ method: 'patch', path: '/v1/links/{msisdn}', status: 'implemented', tag: 'numbers', summary: "Change a linked number's label", auth: 'session', scope: 'numbers:write', request: 'LinkUpdate', success: { status: 200, schema: 'AccountNumber', description: 'The link' }, problems: [401, 404, 409, 422] }),
  op({ method: 'delete', path: '/v1/links/{msisdn}', status: 'implemented', tag: 'numbers', summary: 'Remove a linked number (not the primary)', auth: 'session', scope: 'numbers:write', success: { status: 204, description: 'Unlinked' }, problems: [401, 404, 409, 422] }),
  op({ method: 'get', path: '/v1/tariffs', status: 'implemented', tag: 'tariffs', summary: "What the number may switch to (its region's open tariffs), its current tariff marked, in the language of Accept-Language", auth: 'session', scope: 'tariff:read', query: [{ name: 'msisdn', required: true, description: 'The number whose region and tariff apply (E.164 or any common format)' }], success: { status: 200, schema: 'TariffList', description: 'The catalog' }, problems: [401, 403, 404, 422] }),
  op({ method: 'get', path: '/v1/numbers/{msisdn}/tariff', status: 'implemented', tag: 'tariffs', summary: "The number's current tariff and a switch waiting for the billing date", auth: 'session', scope: 'tariff:read', success: { status: 200, schema: 'CurrentTariff', description: 'The tariff' }, problems: [401, 403, 404, 422] }),
  op({ method: 'post', path: '/v1/numbers/{msisdn}/tariff-changes', status: 'implemented', tag: 'tariffs', summary: 'Switch tariff: charges the switch fee through the ledger; takes effect now or on the next billing date as the tariff says. Refused: insufficient_funds (402), number_blocked, tariff_unavailable (403), tariff_already_active (409)', auth: 'session', scope: 'tariff:write', request: 'TariffChangeRequest', idempotent: true, success: { status: 201, schema: 'TariffChange', description: 'Switched or scheduled' }, problems: [401, 402, 403, 404, 409, 422] }),
  op({ method: 'post', path: '/v1/card-tokens', status: 'implemented', tag: 'payments', summary: 'Tokenize a card (single use)', auth: 'session-or-publishable', scope: 'top-up', request: 'CardTokenRequest', success: { status: 201, schema: 'CardToken', description: 'Token' }, problems: [401, 422] }),
  op({ method: 'post', path: '/v1/top-ups', status: 'implemented', tag: 'payments', summary: 'Top up a number by card, bonus points or from another own number', auth: 'session-or-publishable', scope: 'top-up', request: 'TopUpRequest', idempotent: true, success: { status: 201, schema: 'TopUp', description: 'Created (maybe pending or requiring 3-D Secure)' }, problems: [401, 402, 409, 422, 503] }),
  op({ method: 'get', path: '/v1/top-ups', status: 'implemented', tag: 'payments', summary: 'Recent top-ups of the account (to repeat the last one)', auth: 'session', scope: 'top-up', success: { status: 200, schema: 'TopUp', array: true, description: 'Recent top-ups' }, problems: [401] }),
  op({ method: 'get', path: '/v1/top-ups/{id}', status: 'implemented', tag: 'payments', summary: 'A top-up and its status', auth: 'session-or-publishable', scope: 'top-up', success: { status: 200, schema: 'TopUp', description: 'The top-up' }, problems: [401, 404] }),
  op({ method: 'post', path: '/v1/numbers/{msisdn}/transfers', status: 'planned', tag: 'payments', summary: 'Transfer money to another number (fee shown first, limits apply)', auth: 'session', scope: 'transfer', request: 'TransferRequest', idempotent: true, success: { status: 201, schema: 'Transfer', description: 'Transferred' }, problems: [401, 402, 404, 409, 422] }),
  op({ method: 'get', path: '/v1/numbers/{msisdn}/services', status: 'planned', tag: 'services', summary: 'Connected services and the catalog', auth: 'session', scope: 'services:read', success: { status: 200, schema: 'Service', array: true, description: 'Services' }, problems: [401, 404] }),
  op({ method: 'put', path: '/v1/numbers/{msisdn}/services/{serviceId}', status: 'planned', tag: 'services', summary: 'Connect, disconnect or configure a service (paid ones refused at zero balance)', auth: 'session', scope: 'services:write', request: 'ServiceChangeRequest', success: { status: 200, schema: 'Service', description: 'The service' }, problems: [401, 402, 404, 422] }),
  op({ method: 'get', path: '/v1/numbers/{msisdn}/statement', status: 'planned', tag: 'statement', summary: 'Charges, payments and traffic for a period, with totals by category', auth: 'session', scope: 'statement:read', query: [{ name: 'from', required: true, description: 'ISO 8601 start' }, { name: 'to', required: true, description: 'ISO 8601 end' }], success: { status: 200, schema: 'Statement', description: 'The statement' }, problems: [401, 404, 422] }),
  op({ method: 'post', path: '/v1/numbers/{msisdn}/blocks', status: 'planned', tag: 'blocks', summary: 'Block the number voluntarily (temporary, or permanent with confirmation)', auth: 'session', scope: 'block', request: 'BlockRequest', success: { status: 201, schema: 'Block', description: 'Blocked' }, problems: [401, 404, 409, 422] }),
  op({ method: 'delete', path: '/v1/numbers/{msisdn}/blocks/current', status: 'planned', tag: 'blocks', summary: 'Lift a temporary voluntary block', auth: 'session', scope: 'block', success: { status: 204, description: 'Lifted' }, problems: [401, 403, 404] }),
  op({ method: 'get', path: '/v1/numbers/{msisdn}/bonus', status: 'planned', tag: 'bonus', summary: 'Bonus points balance', auth: 'session', scope: 'bonus:read', success: { status: 200, schema: 'Bonus', description: 'Points' }, problems: [401, 404] }),
  op({ method: 'post', path: '/v1/numbers/{msisdn}/bonus/transfers', status: 'planned', tag: 'bonus', summary: 'Transfer points to another number', auth: 'session', scope: 'bonus:write', request: 'BonusTransferRequest', idempotent: true, success: { status: 201, schema: 'Bonus', description: 'Points left' }, problems: [401, 404, 409, 422] }),
  op({ method: 'put', path: '/v1/numbers/{msisdn}/password', status: 'planned', tag: 'auth', summary: 'Set or change the static password (not while blocked)', auth: 'session', scope: 'password:write', request: 'PasswordChangeRequest', success: { status: 204, description: 'Changed' }, problems: [401, 403, 422, 423] }),
  op({ method: 'get', path: '/v1/numbers/{msisdn}/audit', status: 'planned', tag: 'audit', summary: 'Audit trail of actions on the number', auth: 'session', scope: 'audit:read', success: { status: 200, schema: 'AuditEntry', array: true, description: 'Entries, newest first' }, problems: [401, 404] }),
  op({ method: 'post', path: '/v1/partner/sessions', status: 'implemented', tag: 'partner', summary: "Mint a session token limited to the listed scopes and to the account of one number (server to server: a secret key; from a browser it is refused and the key flagged as exposed). It ends 15 minutes after minting or the last refresh, sooner after 20 minutes without use. Unknown scope or number: 422 pointing at it", auth: 'secret', request: 'PartnerSessionRequest', success: { status: 201, schema: 'PartnerSession', description: 'The token to hand to the page, its scopes and end' }, problems: [401, 403, 422] }),
  op({ method: 'post', path: '/v1/partner/sessions/{id}/refresh', status: 'implemented', tag: 'partner', summary: "Keep a partner session alive: another 15 minutes from now, same token (the page keeps it). Only the partner that minted it; an ended or expired session is 404: mint a new one", auth: 'secret', success: { status: 200, schema: 'PartnerSessionInfo', description: 'The session, with its new end' }, problems: [401, 403, 404] }),
  op({ method: 'get', path: '/sandbox/sms', status: 'implemented', tag: 'sandbox', summary: 'SMS sent, newest first', auth: 'none', query: [{ name: 'to', required: false, description: 'Only SMS to this number (any common format)' }], success: { status: 200, schema: 'Sms', array: true, description: 'SMS' }, problems: [422] }),
  op({ method: 'post', path: '/sandbox/reset', status: 'implemented', tag: 'sandbox', summary: 'Restore the seeded data, clock and faults', auth: 'none', success: { status: 204, description: 'Reset' }, problems: [] }),
  op({ method: 'get', path: '/sandbox/clock', status: 'implemented', tag: 'sandbox', summary: 'The sandbox time', auth: 'none', success: { status: 200, schema: 'Clock', description: 'Now' }, problems: [] }),
  op({ method: 'post', path: '/sandbox/clock', status: 'implemented', tag: 'sandbox', summary: 'Move the sandbox clock (`advance`: ISO 8601 duration, or `set`); the result must fall within the years 2000 to 2999 (UTC), else 422 `out_of_range` at the field', auth: 'none', request: 'ClockRequest', success: { status: 200, schema: 'Clock', description: 'Now' }, problems: [422] }),
  op({ method: 'get', path: '/sandbox/3ds/{id}', status: 'implemented', tag: 'sandbox', summary: 'The 3-D Secure challenge page of a top-up (HTML, strict CSP)', auth: 'none', success: { status: 200, description: 'HTML page' }, problems: [] }),
  op({ method: 'post', path: '/sandbox/3ds/{id}', status: 'implemented', tag: 'sandbox', summary: "Answer a top-up's 3-D Secure challenge: approve or decline", auth: 'none', request: 'ChallengeAnswer', success: { status: 200, schema: 'TopUp', description: 'The top-up, settled' }, problems: [404] }),
  op({ method: 'get', path: '/sandbox/3ds.js', status: 'implemented', tag: 'sandbox', summary: 'Script of the challenge page', auth: 'none', success: { status: 200, description: 'JavaScript' }, problems: [] }),
  op({ method: 'get', path: '/sandbox/3ds.css', status: 'implemented', tag: 'sandbox', summary: 'Style of the challenge page', auth: 'none', success: { status: 200, description: 'CSS' }, problems: [] }),
  op({ method: 'get', path: '/sandbox/faults', status: 'implemented', tag: 'sandbox', summary: 'Fault injection in force', auth: 'none', success: { status: 200, schema: 'Faults', description: 'Faults' }, problems: [] }),
  op({ method: 'post', path: '/sandbox/faults', status: 'implemented', tag: 'sandbox', summary: 'Set latency, 503 rate and dropped-connection rate for /v1', auth: 'none', request: 'Faults', success: { status: 200, schema: 'Faults', description: 'Faults' }, problems: [422] }),
];

const ref = (name: ComponentName) => ({ $ref: `#/components/schemas/${name}` });

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'malformed_json, captcha_required, captcha_invalid, idempotency_key_required',
  401: 'unauthenticated, session_expired, otp_invalid (with attemptsLeft), otp_expired, password_invalid',
  402: 'insufficient_funds',
  403: 'forbidden, scope_missing (scope), origin_not_allowed, number_blocked, owner_mismatch, region_mismatch, number_management_required (msisdn), tariff_not_linkable, tariff_unavailable',
  404: 'not_found (also for another account\'s number)',
  409: 'idempotency_key_in_flight, already_linked, primary_number, tariff_already_active',
  413: 'payload_too_large (64 KB)',
  415: 'unsupported_media_type',
  422: 'validation_failed (errors[] with JSON pointers), idempotency_key_reused',
  423: 'otp_locked',
  429: 'rate_limited (Retry-After, retryAfter)',
  500: 'internal_error',
  503: 'service_unavailable (Retry-After; also the operator system for top-ups)',
};

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: name === 'msisdn' ? { type: 'string', pattern: '^79\\d{9}$' } : { type: 'string' },
    description: name === 'msisdn' ? 'Subscriber number: E.164 digits without "+"' : undefined,
  }));
}

function operationObject(operation: Operation) {
  const problems = [...new Set([...operation.problems, ...(operation.scope ? [403] : []), ...(operation.request ? [400, 413, 415, 422] : []), 500, ...(operation.path.startsWith('/v1/') ? [503] : [])])].sort((a, b) => a - b);
  const responses: Record<string, unknown> = {};
  const success = operation.success;
  responses[String(success.status)] = {
    description: success.description,
    ...(success.schema
      ? { content: { 'application/json': { schema: success.array ? { type: 'array', items: ref(success.schema) } : ref(success.schema) } } }
      : success.status === 200
        ? { content: { 'application/json': { schema: { type: 'object' } } } }
        : {}),
  };
  for (const status of problems) {
    responses[String(status)] = {
      description: PROBLEM_DESCRIPTIONS[status] ?? 'Problem',
      content: { 'application/problem+json': { schema: ref('Problem') } },
    };
  }
  const parameters = [
    ...pathParameters(operation.path),
    ...(operation.query ?? []).map((query) => ({ name: query.name, in: 'query', required: query.required, description: query.description, schema: { type: 'string' } })),
    ...(operation.idempotent
      ? [{ name: 'Idempotency-Key', in: 'header', required: true, description: 'One per user intent, reused on retry', schema: { type: 'string', maxLength: 255 } }]
      : []),
  ];
  return {
    operationId: `${operation.method}${operation.path.replace(/\{(\w+)\}/g, 'By-$1').replace(/[^a-zA-Z0-9]+(.)?/g, (_, next?: string) => (next ?? '').toUpperCase())}`,
    summary: operation.summary,
    tags: [operation.tag],
    'x-kabinet-status': operation.status,
    'x-kabinet-auth': operation.auth,
    ...(operation.scope ? { 'x-kabinet-scope': operation.scope, security: [{ bearer: [operation.scope] }] } : {}),
    ...(operation.auth === 'none' ? { security: [] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.request ? { requestBody: { required: true, content: { 'application/json': { schema: ref(operation.request) } } } } : {}),
    responses,
  };
}

/**
 * The OpenAPI 3.1 document served at `/openapi.json`: hand-written paths over
 * components generated from the contract's valibot schemas.
 *
 * @example
 * const doc = openApiDocument({ serverUrl: 'http://127.0.0.1:8787' });
 */
export function openApiDocument(options: { serverUrl?: string } = {}) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of OPERATIONS) {
    paths[operation.path] = { ...paths[operation.path], [operation.method]: operationObject(operation) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Kabinet self-care API',
      version: '0.1.0',
      description:
        'Self-care API of a mobile operator (sandbox). Errors are application/problem+json (RFC 9457) with a stable `code`. ' +
        'Operations marked `x-kabinet-status: planned` are designed but not served yet. `/sandbox/*` exists only in test mode.',
    },
    servers: [{ url: options.serverUrl ?? 'http://127.0.0.1:8787' }],
    security: [{ bearer: [] }],
    paths,
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description:
            'A session token (by SMS code: every scope; minted by a partner: the scopes it listed, each operation names the one it needs), ' +
            'a publishable key `pk_test_…` (anonymous calls, only from its allowed origins) or, server to server only, a secret key `sk_test_…` ' +
            '(refused with an Origin header, and the key flagged as exposed).',
        },
      },
    },
  };
}
