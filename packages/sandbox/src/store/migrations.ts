import type { SqlDriver } from './sql-driver.js';

/** One schema change: statements applied once, in order, in one transaction. */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}

/**
 * The schema for all of DOMAIN.md, including the tables only planned
 * endpoints use yet. Append new migrations; never edit an applied one.
 * Money columns are minor units (`bigint`); ids are text (UUIDs made by the domain).
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    statements: [
      `CREATE TABLE settings (
        key text PRIMARY KEY,
        value jsonb NOT NULL
      )`,
      `CREATE TABLE tariffs (
        id text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL,
        region text NOT NULL,
        monthly_fee bigint NOT NULL,
        switch_fee bigint NOT NULL,
        currency text NOT NULL,
        voice_min integer,
        sms_count integer,
        data_mb integer,
        linkable boolean NOT NULL,
        open boolean NOT NULL
      )`,
      `CREATE TABLE accounts (
        id text PRIMARY KEY,
        owner_name text NOT NULL,
        primary_msisdn text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL
      )`,
      `CREATE TABLE numbers (
        msisdn text PRIMARY KEY,
        owner_name text NOT NULL,
        region text NOT NULL,
        tariff_id text NOT NULL,
        balance bigint NOT NULL,
        currency text NOT NULL,
        password_hash text,
        password_set_at timestamptz,
        created_at timestamptz NOT NULL
      )`,
      `CREATE TABLE links (
        account_id text NOT NULL,
        msisdn text NOT NULL,
        label text,
        activates_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (account_id, msisdn)
      )`,
      `CREATE TABLE buckets (
        msisdn text NOT NULL,
        kind text NOT NULL,
        unit text NOT NULL,
        used integer NOT NULL,
        total integer,
        PRIMARY KEY (msisdn, kind)
      )`,
      `CREATE TABLE ledger (
        id text PRIMARY KEY,
        msisdn text NOT NULL,
        amount bigint NOT NULL,
        currency text NOT NULL,
        category text NOT NULL,
        reference text,
        description text NOT NULL,
        at timestamptz NOT NULL
      )`,
      `CREATE INDEX ledger_msisdn_at ON ledger (msisdn, at)`,
      `CREATE TABLE top_ups (
        id text PRIMARY KEY,
        msisdn text NOT NULL,
        amount bigint NOT NULL,
        fee bigint NOT NULL,
        currency text NOT NULL,
        source jsonb NOT NULL,
        status text NOT NULL,
        next_action jsonb,
        failure_code text,
        account_id text,
        created_at timestamptz NOT NULL,
        settled_at timestamptz
      )`,
      `CREATE TABLE card_tokens (
        id text PRIMARY KEY,
        brand text NOT NULL,
        last4 text NOT NULL,
        exp_month integer NOT NULL,
        exp_year integer NOT NULL,
        behaviour text NOT NULL,
        created_at timestamptz NOT NULL,
        used_at timestamptz
      )`,
      `CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status text NOT NULL,
        response_status integer,
        response_body jsonb,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      )`,
      `CREATE TABLE transfers (
        id text PRIMARY KEY,
        from_msisdn text NOT NULL,
        to_msisdn text NOT NULL,
        amount bigint NOT NULL,
        fee bigint NOT NULL,
        currency text NOT NULL,
        status text NOT NULL,
        created_at timestamptz NOT NULL
      )`,
      `CREATE TABLE services (
        id text PRIMARY KEY,
        name text NOT NULL,
        description text NOT NULL,
        monthly_fee bigint NOT NULL,
        currency text NOT NULL,
        has_settings boolean NOT NULL
      )`,
      `CREATE TABLE number_services (
        msisdn text NOT NULL,
        service_id text NOT NULL,
        settings jsonb,
        connected_at timestamptz NOT NULL,
        PRIMARY KEY (msisdn, service_id)
      )`,
      `CREATE TABLE blocks (
        id text PRIMARY KEY,
        msisdn text NOT NULL,
        kind text NOT NULL,
        permanent boolean NOT NULL,
        starts_at timestamptz NOT NULL,
        until timestamptz,
        lifted_at timestamptz,
        created_at timestamptz NOT NULL
      )`,
      `CREATE TABLE bonus (
        msisdn text PRIMARY KEY,
        points integer NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE TABLE otp_challenges (
        id text PRIMARY KEY,
        msisdn text NOT NULL,
        code_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        attempts integer NOT NULL,
        locked_at timestamptz,
        superseded_at timestamptz,
        verified_at timestamptz
      )`,
      `CREATE INDEX otp_challenges_msisdn ON otp_challenges (msisdn, created_at)`,
      `CREATE TABLE sessions (
        id text PRIMARY KEY,
        token_hash text NOT NULL UNIQUE,
        account_id text NOT NULL,
        msisdn text NOT NULL,
        scopes jsonb,
        partner_key text,
        created_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text
      )`,
      `CREATE TABLE sms_outbox (
        id text PRIMARY KEY,
        sender text NOT NULL,
        recipient text NOT NULL,
        text text NOT NULL,
        code text,
        sent_at timestamptz NOT NULL
      )`,
      `CREATE INDEX sms_outbox_recipient ON sms_outbox (recipient, sent_at)`,
      `CREATE TABLE audit_log (
        id text PRIMARY KEY,
        at timestamptz NOT NULL,
        account_id text,
        msisdn text,
        actor text NOT NULL,
        action text NOT NULL,
        origin text,
        partner_key text,
        details jsonb
      )`,
      `CREATE INDEX audit_log_msisdn_at ON audit_log (msisdn, at)`,
      `CREATE TABLE api_keys (
        key text PRIMARY KEY,
        kind text NOT NULL,
        partner_name text NOT NULL,
        allowed_origins jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`,
    ],
  },
  {
    version: 2,
    name: 'top-ups: reference, owner, settlement time, token expiry',
    statements: [
      `ALTER TABLE top_ups ADD COLUMN reference text`,
      // Who may read the top-up back: `account:<id>` or `key:<publishable key>`.
      `ALTER TABLE top_ups ADD COLUMN owner text`,
      // A slow operator answer settles the top-up at this moment (it stays `processing` until then).
      `ALTER TABLE top_ups ADD COLUMN settles_at timestamptz`,
      `CREATE INDEX top_ups_msisdn_created ON top_ups (msisdn, created_at)`,
      `ALTER TABLE card_tokens ADD COLUMN expires_at timestamptz`,
    ],
  },
  {
    version: 3,
    name: 'tariffs: English texts, unlimited options, switch timing, scheduled changes',
    statements: [
      // `name`/`description` are Russian (the operator's language); these are the English variants.
      `ALTER TABLE tariffs ADD COLUMN name_en text NOT NULL DEFAULT ''`,
      `ALTER TABLE tariffs ADD COLUMN description_en text NOT NULL DEFAULT ''`,
      `UPDATE tariffs SET name_en = name, description_en = description`,
      // Unlimited options beside the packages: messengers, social, video, music.
      `ALTER TABLE tariffs ADD COLUMN unlimited jsonb NOT NULL DEFAULT '[]'`,
      // When a switch to the tariff takes effect: now or next_period (the next billing date).
      `ALTER TABLE tariffs ADD COLUMN switch_timing text NOT NULL DEFAULT 'now'`,
      `CREATE TABLE tariff_changes (
        id text PRIMARY KEY,
        msisdn text NOT NULL,
        account_id text NOT NULL,
        from_tariff_id text NOT NULL,
        to_tariff_id text NOT NULL,
        switch_fee bigint NOT NULL,
        currency text NOT NULL,
        status text NOT NULL,
        requested_at timestamptz NOT NULL,
        effective_at timestamptz NOT NULL,
        applied_at timestamptz
      )`,
      `CREATE INDEX tariff_changes_msisdn ON tariff_changes (msisdn, status)`,
    ],
  },
  {
    version: 4,
    name: 'partner sessions: absolute end; api keys: flagged as exposed',
    statements: [
      // A partner-minted session ends at this moment whatever its activity (15 minutes, moved by a refresh); NULL for SMS sign-ins.
      `ALTER TABLE sessions ADD COLUMN ends_at timestamptz`,
      // Set when a secret key was seen coming from a browser: it has leaked and must be rotated.
      `ALTER TABLE api_keys ADD COLUMN exposed_at timestamptz`,
    ],
  },
  {
    version: 5,
    name: 'top-ups: the partner whose session made them',
    statements: [
      // The masked secret key of the partner session that made the payment (NULL otherwise), so a payment
      // settled later (3-D Secure, a slow operator) is still audited as the partner's.
      `ALTER TABLE top_ups ADD COLUMN partner_key text`,
    ],
  },
  {
    version: 6,
    name: 'partners: identified by the hash of the whole secret key',
    statements: [
      // `partner_key` is the masked key (`sk_test_…demo`), for people to read: two keys can share it, so it
      // identifies no one. These hold the SHA-256 (hex) of the whole secret key: who minted a session (only
      // that partner may refresh it), made a payment, or acted. NULL for rows written before: a partner
      // session minted then can no longer be refreshed (it ends within 15 minutes anyway).
      `ALTER TABLE sessions ADD COLUMN partner_key_hash text`,
      `ALTER TABLE top_ups ADD COLUMN partner_key_hash text`,
      `ALTER TABLE audit_log ADD COLUMN partner_key_hash text`,
    ],
  },
];

/**
 * Applies the migrations the database has not seen yet, each in its own
 * transaction, and records them in `schema_migrations`.
 */
export async function migrate(driver: SqlDriver, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await driver.query(
    `CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`,
  );
  const { rows } = await driver.query('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((row) => Number(row['version'])));
  const done: number[] = [];
  for (const migration of migrations) {
    if (applied.has(migration.version)) continue;
    await driver.transaction(async (tx) => {
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    });
    done.push(migration.version);
  }
  return done;
}
