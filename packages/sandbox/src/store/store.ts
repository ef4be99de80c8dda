/**
 * The Store: the sandbox's persistence at the data level. It knows tables and
 * rows, never business rules; the domain (routes, auth, seed) is written once
 * against it, and {@link MemoryStore} and {@link SqlStore} implement it.
 */

/** Which engine holds the data, as reported by `/healthz`. */
export type StoreKind = 'memory' | 'pglite' | 'postgres';

/** A JSON value stored in a `jsonb` column. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Key/value settings of test mode: the clock offset, the fault settings. */
export interface SettingRow {
  key: string;
  value: Json;
}

export interface TariffRow {
  id: string;
  name: string;
  description: string;
  region: string;
  /** Monthly fee in minor units. */
  monthlyFee: number;
  switchFee: number;
  currency: string;
  voiceMin: number | null;
  smsCount: number | null;
  dataMb: number | null;
  /** False for the few tariffs whose numbers cannot be linked (DOMAIN.md). */
  linkable: boolean;
  /** False for archived tariffs nobody can switch to. */
  open: boolean;
  /** English name and description; `name` and `description` are Russian. */
  nameEn: string;
  descriptionEn: string;
  /** Unlimited options beside the packages (`messengers`, `social`, `video`, `music`). */
  unlimited: Json;
  /** When a switch to this tariff takes effect: `now` or `next_period` (the next billing date). */
  switchTiming: string;
}

/** A tariff change: applied at once, or scheduled for the next billing date. */
export interface TariffChangeRow {
  id: string;
  msisdn: string;
  accountId: string;
  fromTariffId: string;
  toTariffId: string;
  /** Minor units charged when the change was asked for. */
  switchFee: number;
  currency: string;
  /** `applied`, `scheduled` or `cancelled` (replaced by a later request before it took effect). */
  status: string;
  requestedAt: Date;
  effectiveAt: Date;
  appliedAt: Date | null;
}

/** A self-care account: one owner, one primary number, any linked numbers. */
export interface AccountRow {
  id: string;
  ownerName: string;
  primaryMsisdn: string;
  createdAt: Date;
}

/** A subscriber number (SIM) with its own money balance and tariff. */
export interface NumberRow {
  msisdn: string;
  ownerName: string;
  region: string;
  tariffId: string;
  /** Minor units. */
  balance: number;
  currency: string;
  /** Hash of the static password, once the subscriber set one. */
  passwordHash: string | null;
  passwordSetAt: Date | null;
  createdAt: Date;
}

/** A number linked to an account (other than its primary). */
export interface LinkRow {
  accountId: string;
  msisdn: string;
  label: string | null;
  /** A new link is pending until this moment. */
  activatesAt: Date;
  createdAt: Date;
}

/** A package of minutes, SMS or data on a number for the current period. */
export interface BucketRow {
  msisdn: string;
  kind: string;
  unit: string;
  used: number;
  /** `null` for an unlimited package. */
  total: number | null;
}

/** One money movement on a number; the balance is the sum of these. */
export interface LedgerRow {
  id: string;
  msisdn: string;
  /** Signed minor units: positive in, negative out. */
  amount: number;
  currency: string;
  category: string;
  reference: string | null;
  description: string;
  at: Date;
}

export interface TopUpRow {
  id: string;
  msisdn: string;
  amount: number;
  fee: number;
  currency: string;
  source: Json;
  status: string;
  nextAction: Json;
  failureCode: string | null;
  accountId: string | null;
  createdAt: Date;
  settledAt: Date | null;
  /** The reference people quote to support. */
  reference: string;
  /** Who may read it back: `account:<id>` or `key:<publishable key>`. */
  owner: string;
  /** The partner whose session made it (its masked secret key, for display); `null` for the subscriber's own or anonymous payments. */
  partnerKey: string | null;
  /** That partner's identity: the SHA-256 of its whole secret key; `null` where `partnerKey` is, and on rows from before migration 6. */
  partnerKeyHash: string | null;
  /** A slow operator answer settles the top-up at this moment. */
  settlesAt: Date | null;
}

/** A single-use token standing for card details. */
export interface CardTokenRow {
  id: string;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  /** What the test card does (succeeds, is declined, asks for 3-D Secure). */
  behaviour: string;
  createdAt: Date;
  usedAt: Date | null;
  expiresAt: Date;
}

export interface IdempotencyKeyRow {
  /** Who used the key (session account, publishable key): keys are per caller. */
  scope: string;
  key: string;
  requestHash: string;
  status: string;
  responseStatus: number | null;
  responseBody: Json;
  createdAt: Date;
}

export interface TransferRow {
  id: string;
  fromMsisdn: string;
  toMsisdn: string;
  amount: number;
  fee: number;
  currency: string;
  status: string;
  createdAt: Date;
}

export interface ServiceRow {
  id: string;
  name: string;
  description: string;
  monthlyFee: number;
  currency: string;
  hasSettings: boolean;
}

export interface NumberServiceRow {
  msisdn: string;
  serviceId: string;
  settings: Json;
  connectedAt: Date;
}

export interface BlockRow {
  id: string;
  msisdn: string;
  kind: string;
  permanent: boolean;
  startsAt: Date;
  /** `null`: until lifted (or forever when permanent). */
  until: Date | null;
  liftedAt: Date | null;
  createdAt: Date;
}

export interface BonusRow {
  msisdn: string;
  points: number;
  updatedAt: Date;
}

export interface OtpChallengeRow {
  id: string;
  msisdn: string;
  /** SHA-256 of the code: the code itself lives only in the SMS. */
  codeHash: string;
  createdAt: Date;
  expiresAt: Date;
  /** Wrong codes entered against this challenge. */
  attempts: number;
  lockedAt: Date | null;
  /** A newer code was requested. */
  supersededAt: Date | null;
  verifiedAt: Date | null;
}

export interface SessionRow {
  id: string;
  /** SHA-256 of the bearer token: a database leak does not leak sessions. */
  tokenHash: string;
  accountId: string;
  msisdn: string;
  scopes: Json;
  /** The minting partner's masked secret key, for display (two keys may share it); `null` for an SMS sign-in. */
  partnerKey: string | null;
  /** The minting partner's identity: the SHA-256 of its whole secret key, which refreshes compare; `null` for an SMS sign-in. */
  partnerKeyHash: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  /** When the idle timeout ends the session; every request moves it. */
  expiresAt: Date;
  /** Absolute end of a partner-minted session (a refresh moves it); `null` for SMS sign-ins. */
  endsAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
}

export interface SmsRow {
  id: string;
  sender: string;
  recipient: string;
  text: string;
  code: string | null;
  sentAt: Date;
}

export interface AuditRow {
  id: string;
  at: Date;
  accountId: string | null;
  msisdn: string | null;
  /** `subscriber`, `partner`, `anonymous` or `sandbox`. */
  actor: string;
  action: string;
  origin: string | null;
  /** The acting partner's masked secret key (or an anonymous page's publishable key), for display. */
  partnerKey: string | null;
  /** The acting partner's identity: the SHA-256 of its whole secret key. */
  partnerKeyHash: string | null;
  details: Json;
}

export interface ApiKeyRow {
  key: string;
  kind: string;
  partnerName: string;
  allowedOrigins: Json;
  createdAt: Date;
  revokedAt: Date | null;
  /** When a secret key was first seen coming from a browser (leaked: rotate it). */
  exposedAt: Date | null;
}

/** Every table and the shape of its rows. */
export interface Tables {
  settings: SettingRow;
  tariffs: TariffRow;
  accounts: AccountRow;
  numbers: NumberRow;
  links: LinkRow;
  buckets: BucketRow;
  ledger: LedgerRow;
  top_ups: TopUpRow;
  card_tokens: CardTokenRow;
  idempotency_keys: IdempotencyKeyRow;
  transfers: TransferRow;
  services: ServiceRow;
  number_services: NumberServiceRow;
  blocks: BlockRow;
  bonus: BonusRow;
  otp_challenges: OtpChallengeRow;
  sessions: SessionRow;
  sms_outbox: SmsRow;
  audit_log: AuditRow;
  api_keys: ApiKeyRow;
  tariff_changes: TariffChangeRow;
}

export type TableName = keyof Tables;

/** All tables, parents before children (the order seed inserts and truncation lists them). */
export const TABLE_NAMES: readonly TableName[] = [
  'settings',
  'tariffs',
  'accounts',
  'numbers',
  'links',
  'buckets',
  'ledger',
  'top_ups',
  'card_tokens',
  'idempotency_keys',
  'transfers',
  'services',
  'number_services',
  'blocks',
  'bonus',
  'otp_challenges',
  'sessions',
  'sms_outbox',
  'audit_log',
  'api_keys',
  'tariff_changes',
];

/**
 * Equality filter: every given column must equal its value (`null` matches
 * NULL). Range and ordering logic belongs to the domain, not the store.
 */
export type Where<N extends TableName> = Partial<Tables[N]>;

export interface SelectOptions<N extends TableName = TableName> {
  /** Lock the matching rows until the transaction ends (`SELECT … FOR UPDATE`). */
  forUpdate?: boolean;
  /**
   * Only rows whose columns are at least these values (`>=`): a window such
   * as `{ createdAt: dayStart }`, which an index on (msisdn, created_at) serves.
   */
  atLeast?: Partial<Tables[N]>;
  /** Only rows whose columns differ from these values (`IS DISTINCT FROM`: `null` differs from every value but `null`). */
  except?: Partial<Tables[N]>;
  /** The `limit` rows latest in `column` (a date), newest first: `ORDER BY column DESC LIMIT limit`. */
  newest?: { column: DateColumn<N>; limit: number };
}

/** The filters an aggregate takes: the windows and exclusions of {@link SelectOptions}. */
export type AggregateOptions<N extends TableName = TableName> = Pick<SelectOptions<N>, 'atLeast' | 'except'>;

/** The columns of a table that hold a number. */
export type NumberColumn<N extends TableName> = { [K in keyof Tables[N]]: Tables[N][K] extends number ? K : never }[keyof Tables[N]] & string;

/** The columns of a table that hold a date. */
export type DateColumn<N extends TableName> = { [K in keyof Tables[N]]: Tables[N][K] extends Date | null ? K : never }[keyof Tables[N]] & string;

/** Row operations available inside a transaction. */
export interface StoreTx {
  select<N extends TableName>(table: N, where?: Where<N>, options?: SelectOptions<N>): Promise<Tables[N][]>;
  /**
   * The sum of `column` over the matching rows (0 when none match), added up
   * by the database: a total over a window costs one row, not the window.
   */
  sum<N extends TableName>(table: N, column: NumberColumn<N>, where?: Where<N>, options?: AggregateOptions<N>): Promise<number>;
  insert<N extends TableName>(table: N, row: Tables[N]): Promise<void>;
  /** Returns the number of rows changed. */
  update<N extends TableName>(table: N, where: Where<N>, patch: Partial<Tables[N]>): Promise<number>;
  /** Returns the number of rows removed. */
  delete<N extends TableName>(table: N, where: Where<N>): Promise<number>;
  /** Empties every table (the schema stays): the first half of a reset. */
  truncateAll(): Promise<void>;
}

/**
 * Persistence of the sandbox. All access goes through {@link Store.transaction}:
 * it commits when `fn` resolves and rolls back when it throws, and concurrent
 * transactions never see each other's partial writes.
 *
 * @example
 * const owner = await store.transaction(async (tx) => {
 *   const [account] = await tx.select('accounts', { primaryMsisdn: '+79161234567' });
 *   return account?.ownerName;
 * });
 */
export interface Store {
  readonly kind: StoreKind;
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
