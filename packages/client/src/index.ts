/**
 * @kabinet/client: the typed SDK over the Kabinet self-care API.
 *
 * @example
 * import { createClient, formatMoney } from '@kabinet/client';
 * const client = createClient({ baseUrl: 'http://127.0.0.1:8787', auth: { type: 'otp' } });
 */
export { createClient, type ClientOptions, type KabinetClient, type RequestOptions } from './client.js';
export type { KabinetAuth } from './auth.js';
export type { KabinetLinks } from './links.js';
export type { AuthMode, SessionState } from './session.js';
export type { KabinetStore } from './store.js';
export type { KabinetTariffs } from './tariffs.js';
export type { CardDetails, KabinetTopUps, TopUpIntent, TopUpOrder, TopUpPayment } from './top-ups.js';
export { outcomeUnknown } from './top-ups.js';
export type { Resource, ResourceState } from './resource.js';
export {
  KabinetError,
  NetworkError,
  ResponseValidationError,
  ValidationError,
  AuthError,
  SessionExpiredError,
  RateLimitedError,
  RefusedError,
  ServerError,
  type KabinetErrorInit,
} from './errors.js';
export { errorFromResponse } from './error-from-response.js';
export { createIdempotencyKey, IDEMPOTENCY_HEADER } from './idempotency.js';
export * from './contract.js';
