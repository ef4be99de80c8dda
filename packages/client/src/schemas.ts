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
  // linked numbers (DOMAIN.md "Linked numbers")
  'already_linked',
  'owner_mismatch',
  'region_mismatch',
  'number_management_required',
  'tariff_not_linkable',
  'password_invalid',
  'primary_number',
  // top-up (DOMAIN.md "Top-up and money")
  'not_a_subscriber',
  'payments_barred',
  'service_unavailable',
  // tariffs (DOMAIN.md "Tariffs")
  'tariff_unavailable',
  'tariff_already_active',
  // partner sessions: the token lacks the scope the operation needs
  'scope_missing',
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

/** A tariff as the API names it in short: on a balance, in a change. */
export const TariffRefSchema = v.object({ id: v.string(), name: v.string() });

/** Unlimited options a tariff may include beside its packages. */
export const UNLIMITED_OPTIONS = ['messengers', 'social', 'video', 'music'] as const;

/**
 * A tariff of the catalog, in the language of the request (`Accept-Language`).
 * A package of `null` is unlimited; `0` means none is included (pay per use).
 */
export const TariffSchema = v.object({
  id: v.string(),
  name: v.string(),
  description: v.string(),
  monthlyFee: MoneySchema,
  /** Charged once, when the switch is asked for. */
  switchFee: MoneySchema,
  voiceMin: v.nullable(v.pipe(v.number(), v.integer())),
  smsCount: v.nullable(v.pipe(v.number(), v.integer())),
  dataMb: v.nullable(v.pipe(v.number(), v.integer())),
  unlimited: v.array(v.picklist(UNLIMITED_OPTIONS)),
  /** A switch takes effect at once (`now`) or on the next billing date (`next_period`). */
  switchTiming: v.picklist(['now', 'next_period']),
  /** The number's current tariff. */
  current: v.boolean(),
  /** Whether this number may switch to it (its region, not archived). */
  available: v.boolean(),
});

/** A switch asked for and charged, waiting for the next billing date. */
export const ScheduledTariffChangeSchema = v.object({
  id: v.string(),
  to: TariffRefSchema,
  effectiveAt: Timestamp,
});

/** `GET /v1/tariffs?msisdn=`: what the number may choose, its current tariff marked. */
export const TariffListSchema = v.object({
  msisdn: MsisdnSchema,
  region: v.object({ id: v.string(), name: v.string() }),
  /** The next billing date: when monthly fees are charged and `next_period` switches take effect. */
  nextBillingAt: Timestamp,
  scheduled: v.nullable(ScheduledTariffChangeSchema),
  tariffs: v.array(TariffSchema),
});

/** `GET /v1/numbers/{msisdn}/tariff`: the number's tariff and a switch waiting for the billing date. */
export const CurrentTariffSchema = v.object({
  msisdn: MsisdnSchema,
  tariff: TariffSchema,
  scheduled: v.nullable(ScheduledTariffChangeSchema),
});

export const TariffChangeRequestSchema = v.strictObject({ tariffId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)) });

/** `POST /v1/numbers/{msisdn}/tariff-changes`: what was done, and what it cost. */
export const TariffChangeSchema = v.object({
  id: v.string(),
  msisdn: MsisdnSchema,
  from: TariffRefSchema,
  to: TariffRefSchema,
  /** `applied`: the number is on the new tariff now; `scheduled`: from `effectiveAt`. */
  status: v.picklist(['applied', 'scheduled']),
  effectiveAt: Timestamp,
  /** The switch fee, taken from the balance now. */
  charged: MoneySchema,
  /** The new tariff's monthly fee, first charged on `firstFeeAt` (the next billing date). */
  monthlyFee: MoneySchema,
  firstFeeAt: Timestamp,
  /** The money balance after the charge. */
  balance: MoneySchema,
  createdAt: Timestamp,
});

/** A linked number's short name ("Daughter", "Dacha"): trimmed, no control characters; empty means none. */
export const LinkLabelSchema = v.pipe(v.string(), v.trim(), v.maxLength(32), v.regex(/^[^\p{Cc}]*$/u, 'No control characters'));

/**
 * Proof of control of the added number: its static password, or the code an
 * SMS brought to it (`POST /v1/links/otp`) with that request's `challengeId`.
 */
export const LinkRequestSchema = v.strictObject({
  phone: v.pipe(v.string(), v.maxLength(32)),
  password: v.optional(v.pipe(v.string(), v.maxLength(128))),
  challengeId: v.optional(v.pipe(v.string(), v.maxLength(64))),
  code: v.optional(v.pipe(v.string(), v.maxLength(16))),
  label: v.optional(LinkLabelSchema),
});

/** `PATCH /v1/links/{msisdn}`: a new label, `null` or empty to remove it. */
export const LinkUpdateSchema = v.strictObject({
  label: v.nullable(LinkLabelSchema),
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
  /** Single use, and only until this moment. */
  expiresAt: Timestamp,
});

export const TopUpSourceSchema = v.variant('type', [
  v.strictObject({ type: v.literal('card'), token: v.pipe(v.string(), v.maxLength(64)) }),
  /** Bonus points of the signed-in number, converted at BONUS_POINT_VALUE kopecks a point. */
  v.strictObject({ type: v.literal('bonus') }),
  /** Another number of the same account: its money moves to the topped-up number. */
  v.strictObject({ type: v.literal('number'), msisdn: MsisdnSchema }),
]);

export const TopUpRequestSchema = v.strictObject({
  msisdn: v.pipe(v.string(), v.maxLength(32)),
  amount: MoneySchema,
  source: TopUpSourceSchema,
});

/** Why a top-up failed; nothing was charged. */
export const TOP_UP_FAILURE_CODES = [
  'card_declined',
  'authentication_failed',
  'limit_exceeded',
  'insufficient_funds',
  'insufficient_points',
] as const;
export type TopUpFailureCode = (typeof TOP_UP_FAILURE_CODES)[number];

/** What paid, without anything secret: a card shows only its brand and last four digits. */
export const TopUpSourceSummarySchema = v.object({
  type: v.picklist(['card', 'bonus', 'number']),
  brand: v.optional(v.picklist(['mir', 'visa', 'mastercard', 'unionpay'])),
  last4: v.optional(v.string()),
  msisdn: v.optional(MsisdnSchema),
  points: v.optional(v.pipe(v.number(), v.integer())),
});

export const TopUpSchema = v.object({
  id: v.string(),
  msisdn: MsisdnSchema,
  amount: MoneySchema,
  fee: MoneySchema,
  source: TopUpSourceSummarySchema,
  /** `processing` and `requires_action` are pending: never shown as failed. */
  status: v.picklist(['processing', 'requires_action', 'succeeded', 'failed']),
  /** 3-D Secure: the challenge page (`url`), or `null` when the sandbox runs inside the page and the challenge is answered by `POST /sandbox/3ds/{id}`. */
  nextAction: v.nullable(v.object({ type: v.literal('three_d_secure'), url: v.nullable(v.string()) })),
  failureCode: v.nullable(v.picklist(TOP_UP_FAILURE_CODES)),
  /** The reference to quote to support. */
  reference: v.string(),
  createdAt: Timestamp,
  settledAt: v.nullable(Timestamp),
});

/** `POST /sandbox/3ds/{id}`: the payer's answer to the 3-D Secure challenge (test mode). */
export const ChallengeAnswerSchema = v.strictObject({ outcome: v.picklist(['approve', 'decline']) });

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

// ---- partner sessions -----------------------------------------------------

/**
 * What a session token may do, one scope per kind of operation (each API
 * operation names the scope it needs in the OpenAPI document). A session
 * signed in by SMS code holds every scope; a partner mints tokens with only
 * the scopes its page uses.
 */
export const SCOPES = [
  'account:read', // the account: owner, primary and linked numbers
  'balance:read', // a number's balance, tariff name and package remainders
  'tariff:read', // the tariff catalog and a number's tariff
  'tariff:write', // switching tariff (charges the switch fee)
  'numbers:write', // linking, relabelling and unlinking numbers
  'top-up', // card tokens, top-ups and their status, recent top-ups
  'transfer', // money transfers to other numbers
  'services:read',
  'services:write',
  'statement:read',
  'block', // blocking and unblocking a number
  'bonus:read',
  'bonus:write',
  'password:write',
  'audit:read',
] as const;
export type Scope = (typeof SCOPES)[number];

export const ScopeSchema = v.picklist(SCOPES);

/** `POST /v1/partner/sessions` (secret key, server to server): the number (any common format) and the scopes. */
export const PartnerSessionRequestSchema = v.strictObject({
  msisdn: v.pipe(v.string(), v.maxLength(32)),
  scopes: v.pipe(v.array(ScopeSchema), v.minLength(1), v.maxLength(SCOPES.length)),
});

/**
 * A partner session without its token: what `POST /v1/partner/sessions/{id}/refresh`
 * answers (the token stays the one the page already holds).
 */
export const PartnerSessionInfoSchema = v.object({
  /** Names the session to refresh it. */
  id: v.string(),
  msisdn: MsisdnSchema,
  scopes: v.array(ScopeSchema),
  /** The session ends at this moment (15 minutes after minting or the last refresh), sooner after 20 idle minutes. */
  expiresAt: Timestamp,
  /** Idle timeout in seconds (20 minutes). */
  idleTimeout: v.pipe(v.number(), v.integer()),
});

/** A minted partner session: the token to hand to the partner's page, with what it may do and until when. */
export const PartnerSessionSchema = v.object({
  ...PartnerSessionInfoSchema.entries,
  token: v.string(),
});

export type ClockRequest = v.InferInput<typeof ClockRequestSchema>;
export type Faults = v.InferOutput<typeof FaultsSchema>;
export type Tariff = v.InferOutput<typeof TariffSchema>;
export type TariffRef = v.InferOutput<typeof TariffRefSchema>;
export type UnlimitedOption = (typeof UNLIMITED_OPTIONS)[number];
export type TariffList = v.InferOutput<typeof TariffListSchema>;
export type CurrentTariff = v.InferOutput<typeof CurrentTariffSchema>;
export type ScheduledTariffChange = v.InferOutput<typeof ScheduledTariffChangeSchema>;
export type TariffChange = v.InferOutput<typeof TariffChangeSchema>;
export type CardToken = v.InferOutput<typeof CardTokenSchema>;
export type TopUpRequest = v.InferInput<typeof TopUpRequestSchema>;
export type TopUp = v.InferOutput<typeof TopUpSchema>;
export type ChallengeAnswer = v.InferInput<typeof ChallengeAnswerSchema>;
export type Transfer = v.InferOutput<typeof TransferSchema>;
export type Service = v.InferOutput<typeof ServiceSchema>;
export type Statement = v.InferOutput<typeof StatementSchema>;
export type AuditEntry = v.InferOutput<typeof AuditEntrySchema>;
export type PartnerSessionRequest = v.InferInput<typeof PartnerSessionRequestSchema>;
export type PartnerSession = v.InferOutput<typeof PartnerSessionSchema>;
export type PartnerSessionInfo = v.InferOutput<typeof PartnerSessionInfoSchema>;
export type LinkRequest = v.InferInput<typeof LinkRequestSchema>;
export type LinkUpdate = v.InferInput<typeof LinkUpdateSchema>;
