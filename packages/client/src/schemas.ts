/**
 * The API contract: one valibot schema per request and response body.
 * TypeScript types are inferred from these schemas; the sandbox validates with
 * the same schemas and publishes them in its OpenAPI document.
 */
import * as v from 'valibot';
import { MSISDN_PATTERN } from './phone.js';

/** ISO 8601 date-time string, as the API sends it. */
export const Timestamp = v.pipe(v.string(), v.isoTimestamp());

/** E.164 Russian mobile number. */
export const MsisdnSchema = v.pipe(v.string(), v.regex(MSISDN_PATTERN));

export const MoneySchema = v.strictObject({
  amount: v.pipe(v.number(), v.safeInteger()),
  currency: v.picklist(['RUB']),
});

/** Stable problem codes others rely on (DESIGN.md). */
export const PROBLEM_CODES = [
  'validation_failed',
  'malformed_json',
  'unsupported_media_type',
  'payload_too_large',
  'not_found',
  'method_not_allowed',
  'unauthenticated',
  'session_expired',
  'forbidden',
  'origin_not_allowed',
  'otp_invalid',
  'otp_expired',
  'otp_locked',
  'rate_limited',
  'captcha_required',
  'captcha_invalid',
  'insufficient_funds',
  'number_blocked',
  'idempotency_key_required',
  'idempotency_key_reused',
  'idempotency_key_in_flight',
  'internal_error',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** One field-level error: a JSON pointer into the request and what is wrong there. */
export const FieldErrorSchema = v.object({
  pointer: v.string(),
  code: v.string(),
  detail: v.string(),
});

/** RFC 9457 problem document with Kabinet's extensions. */
export const ProblemSchema = v.looseObject({
  type: v.string(),
  title: v.string(),
  status: v.pipe(v.number(), v.integer()),
  detail: v.optional(v.string()),
  instance: v.optional(v.string()),
  code: v.string(),
  errors: v.optional(v.array(FieldErrorSchema)),
  retryAfter: v.optional(v.pipe(v.number(), v.integer())),
  attemptsLeft: v.optional(v.pipe(v.number(), v.integer())),
});

// ---- auth -----------------------------------------------------------------

export const OtpRequestSchema = v.strictObject({
  phone: v.pipe(v.string(), v.maxLength(32)),
  captchaToken: v.optional(v.pipe(v.string(), v.maxLength(2048))),
});

export const OtpChallengeSchema = v.object({
  challengeId: v.string(),
  /** Where the code went, E.164. */
  sentTo: MsisdnSchema,
  /** Short number the SMS comes from. */
  sender: v.string(),
  expiresAt: Timestamp,
  /** No new code before this moment. */
  resendAfter: Timestamp,
  codeLength: v.pipe(v.number(), v.integer()),
});

export const OtpVerifySchema = v.strictObject({
  challengeId: v.pipe(v.string(), v.maxLength(64)),
  code: v.pipe(v.string(), v.maxLength(16)),
});

export const SessionSchema = v.object({
  token: v.string(),
  /** The session ends at this moment unless it is used before; each use slides it. */
  expiresAt: Timestamp,
  /** Idle timeout in seconds (20 minutes). */
  idleTimeout: v.pipe(v.number(), v.integer()),
  msisdn: MsisdnSchema,
});

// ---- account --------------------------------------------------------------

export const NumberStatusSchema = v.picklist(['active', 'pending', 'blocked']);

export const AccountNumberSchema = v.object({
  msisdn: MsisdnSchema,
  role: v.picklist(['primary', 'linked']),
  status: NumberStatusSchema,
  label: v.nullable(v.string()),
  /** For a pending link: when it becomes active. */
  activatesAt: v.nullable(Timestamp),
});

export const MeSchema = v.object({
  accountId: v.string(),
  ownerName: v.string(),
  primary: MsisdnSchema,
  numbers: v.array(AccountNumberSchema),
});

// ---- balance --------------------------------------------------------------

export const BucketSchema = v.object({
  kind: v.picklist(['voice', 'sms', 'data']),
  unit: v.picklist(['min', 'sms', 'MB']),
  used: v.pipe(v.number(), v.integer()),
  /** `null` for an unlimited package. */
  total: v.nullable(v.pipe(v.number(), v.integer())),
  renewsAt: Timestamp,
});

export const BlockSchema = v.object({
  kind: v.picklist(['voluntary', 'operator']),
  /** `null` when the block has no end date. */
  until: v.nullable(Timestamp),
});

export const BalanceSchema = v.object({
  msisdn: MsisdnSchema,
  status: v.picklist(['active', 'blocked']),
  balance: MoneySchema,
  tariff: v.object({ id: v.string(), name: v.string() }),
  buckets: v.array(BucketSchema),
  block: v.nullable(BlockSchema),
  asOf: Timestamp,
});

// ---- sandbox (test mode) --------------------------------------------------

export const SmsSchema = v.object({
  from: v.string(),
  to: MsisdnSchema,
  text: v.string(),
  code: v.nullable(v.string()),
  sentAt: Timestamp,
});

export const HealthSchema = v.object({ status: v.literal('ok'), store: v.string(), now: Timestamp });

export type Problem = v.InferOutput<typeof ProblemSchema>;
export type FieldError = v.InferOutput<typeof FieldErrorSchema>;
export type OtpRequest = v.InferInput<typeof OtpRequestSchema>;
export type OtpChallenge = v.InferOutput<typeof OtpChallengeSchema>;
export type OtpVerify = v.InferInput<typeof OtpVerifySchema>;
export type Session = v.InferOutput<typeof SessionSchema>;
export type AccountNumber = v.InferOutput<typeof AccountNumberSchema>;
export type Me = v.InferOutput<typeof MeSchema>;
export type Bucket = v.InferOutput<typeof BucketSchema>;
export type Balance = v.InferOutput<typeof BalanceSchema>;
export type Sms = v.InferOutput<typeof SmsSchema>;
export type Health = v.InferOutput<typeof HealthSchema>;

// ---- added for the sandbox: test mode ---------------------------------------

/** `POST /sandbox/clock`: move the clock forward by an ISO 8601 duration, or set it. */
export const ClockRequestSchema = v.strictObject({
  advance: v.optional(v.pipe(v.string(), v.maxLength(64))),
  set: v.optional(Timestamp),
});

export const ClockSchema = v.object({ now: Timestamp });

/** `POST /sandbox/faults`: injected latency, 503 rate and dropped-connection rate on `/v1`. */
export const FaultsSchema = v.strictObject({
  latencyMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(60_000))),
  errorRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
  dropRate: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(1))),
});

// ---- added for the sandbox: planned resources (documented in OpenAPI, not yet served) ----

export const TariffSchema = v.object({
  id: v.string(),
  name: v.string(),
  description: v.string(),
  monthlyFee: MoneySchema,
  switchFee: MoneySchema,
  voiceMin: v.nullable(v.pipe(v.number(), v.integer())),
  smsCount: v.nullable(v.pipe(v.number(), v.integer())),
  dataMb: v.nullable(v.pipe(v.number(), v.integer())),
  /** The number's current tariff. */
  current: v.boolean(),
  /** Whether this number may switch to it (region, archive). */
  available: v.boolean(),
});

export const TariffListSchema = v.object({ msisdn: MsisdnSchema, tariffs: v.array(TariffSchema) });

export const TariffChangeRequestSchema = v.strictObject({ tariffId: v.pipe(v.string(), v.maxLength(64)) });

export const TariffChangeSchema = v.object({
  id: v.string(),
  msisdn: MsisdnSchema,
  tariffId: v.string(),
  charged: MoneySchema,
  effectiveAt: Timestamp,
});

export const LinkRequestSchema = v.strictObject({
  phone: v.pipe(v.string(), v.maxLength(32)),
  /** The added number's password, or the SMS code sent to it. */
  password: v.pipe(v.string(), v.maxLength(128)),
  label: v.optional(v.pipe(v.string(), v.maxLength(64))),
});

export const CardTokenRequestSchema = v.strictObject({
  number: v.pipe(v.string(), v.maxLength(32)),
  expMonth: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(12)),
  expYear: v.pipe(v.number(), v.integer(), v.minValue(2000), v.maxValue(2100)),
  cvc: v.pipe(v.string(), v.regex(/^\d{3,4}$/)),
});

export const CardTokenSchema = v.object({
  id: v.string(),
  brand: v.picklist(['mir', 'visa', 'mastercard', 'unionpay']),
  last4: v.string(),
});

export const TopUpSourceSchema = v.variant('type', [
  v.strictObject({ type: v.literal('card'), token: v.pipe(v.string(), v.maxLength(64)) }),
  v.strictObject({ type: v.literal('bonus'), points: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
  v.strictObject({ type: v.literal('number'), msisdn: MsisdnSchema }),
]);

export const TopUpRequestSchema = v.strictObject({
  msisdn: v.pipe(v.string(), v.maxLength(32)),
  amount: MoneySchema,
  source: TopUpSourceSchema,
});

export const TopUpSchema = v.object({
  id: v.string(),
  msisdn: MsisdnSchema,
  amount: MoneySchema,
  fee: MoneySchema,
  status: v.picklist(['pending', 'requires_action', 'succeeded', 'failed']),
  /** 3-D Secure: where to send the payer. */
  nextAction: v.optional(v.nullable(v.object({ type: v.literal('redirect'), url: v.string() }))),
  failureCode: v.optional(v.nullable(v.string())),
  /** The reference to quote to support. */
  reference: v.string(),
  createdAt: Timestamp,
  settledAt: v.nullable(Timestamp),
});

export const TransferRequestSchema = v.strictObject({
  to: v.pipe(v.string(), v.maxLength(32)),
  amount: MoneySchema,
});

export const TransferSchema = v.object({
  id: v.string(),
  from: MsisdnSchema,
  to: MsisdnSchema,
  amount: MoneySchema,
  fee: MoneySchema,
  status: v.picklist(['succeeded', 'failed']),
  createdAt: Timestamp,
});

export const ServiceSchema = v.object({
  id: v.string(),
  name: v.string(),
  description: v.string(),
  monthlyFee: MoneySchema,
  connected: v.boolean(),
  settings: v.nullable(v.record(v.string(), v.unknown())),
});

export const ServiceChangeRequestSchema = v.strictObject({
  connected: v.boolean(),
  settings: v.optional(v.record(v.string(), v.unknown())),
});

export const StatementEntrySchema = v.object({
  at: Timestamp,
  category: v.picklist(['calls', 'sms', 'data', 'services', 'subscription', 'payment', 'transfer']),
  amount: MoneySchema,
  description: v.string(),
  /** Data volume for internet traffic entries. */
  dataMb: v.optional(v.nullable(v.pipe(v.number(), v.integer()))),
});

export const StatementSchema = v.object({
  msisdn: MsisdnSchema,
  from: Timestamp,
  to: Timestamp,
  entries: v.array(StatementEntrySchema),
  totals: v.record(v.string(), MoneySchema),
});

export const BlockRequestSchema = v.strictObject({
  /** `null`: until lifted. Ignored for a permanent block. */
  until: v.optional(v.nullable(Timestamp)),
  permanent: v.optional(v.boolean()),
  /** A permanent block cannot be lifted from the account: the caller must confirm it. */
  confirm: v.optional(v.boolean()),
});

export const BonusSchema = v.object({ msisdn: MsisdnSchema, points: v.pipe(v.number(), v.integer()) });

export const BonusTransferRequestSchema = v.strictObject({
  to: v.pipe(v.string(), v.maxLength(32)),
  points: v.pipe(v.number(), v.integer(), v.minValue(1)),
});

export const PasswordChangeRequestSchema = v.strictObject({
  oldPassword: v.pipe(v.string(), v.maxLength(128)),
  newPassword: v.pipe(v.string(), v.minLength(8), v.maxLength(128)),
  confirm: v.pipe(v.string(), v.maxLength(128)),
});

export const AuditEntrySchema = v.object({
  id: v.string(),
  at: Timestamp,
  msisdn: v.nullable(MsisdnSchema),
  action: v.string(),
  actor: v.picklist(['subscriber', 'partner', 'anonymous', 'sandbox']),
  origin: v.nullable(v.string()),
  details: v.record(v.string(), v.unknown()),
});

export const PartnerSessionRequestSchema = v.strictObject({
  msisdn: v.pipe(v.string(), v.maxLength(32)),
  scopes: v.array(v.picklist(['balance:read', 'tariffs:write', 'top-ups:write', 'services:write', 'numbers:read'])),
});

export type ClockRequest = v.InferInput<typeof ClockRequestSchema>;
export type Faults = v.InferOutput<typeof FaultsSchema>;
export type Tariff = v.InferOutput<typeof TariffSchema>;
export type CardToken = v.InferOutput<typeof CardTokenSchema>;
export type TopUpRequest = v.InferInput<typeof TopUpRequestSchema>;
export type TopUp = v.InferOutput<typeof TopUpSchema>;
export type Transfer = v.InferOutput<typeof TransferSchema>;
export type Service = v.InferOutput<typeof ServiceSchema>;
export type Statement = v.InferOutput<typeof StatementSchema>;
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;
