import { addBusinessDays } from './business-days.js';
import { packageBuckets } from './buckets.js';
import { sandboxNow, type Clock } from './clock.js';
import { catalog, type CatalogOptions } from './tariff-catalog.js';
import type { Store, StoreTx } from './store/store.js';
import { sha256 } from './token.js';

/**
 * The fixed points of test mode (DESIGN.md): tests, docs and examples rely on
 * these numbers and keys.
 */
export const DEMO = {
  /** Account A's primary number: 350.00 RUB, two linked numbers. */
  primary: '+79161234567',
  /** Linked to account A, active. */
  linkedActive: '+79167654321',
  /** Linked to account A, pending for two business days. */
  linkedPending: '+79031112233',
  /** Account B: 0.00 RUB. */
  zeroBalance: '+79160000000',
  /** Account C: temporarily blocked by its owner. */
  blocked: '+79165550000',
  /** Ivan Petrov's spare number, free to link to account A (password `demo-password`). */
  linkable: '+79161110001',
  /** Linking refused with `owner_mismatch`: Anna Smirnova's (password `demo-password`). */
  linkOtherOwner: '+79161110002',
  /** Linking refused with `region_mismatch`: Ivan's number in Penza (password `demo-password`). */
  linkOtherRegion: '+79631110003',
  /** Linking refused with `number_management_required`: the service is off (password `demo-password`). */
  linkNoNumberManagement: '+79161110004',
  /** Linking refused with `tariff_not_linkable`: on the "Mayak" tariff (password `demo-password`). */
  linkExcludedTariff: '+79161110005',
  /** Linking refused with `number_blocked`: blocked by the operator (password `demo-password`). */
  linkBlocked: '+79161110006',
  secretKey: 'sk_test_demo',
  publishableKey: 'pk_test_demo',
  /** The captcha token that always passes. */
  captchaToken: 'test-pass',
} as const;

/** Origins the demo publishable key accepts. */
export const DEMO_ORIGINS = ['http://127.0.0.1:8080', 'http://localhost:8080'] as const;

const DAY = 86_400_000;


const SERVICES = [
  { id: 'number-management', name: 'Number management', description: 'Manage several numbers from one account (*111*828*1#)', monthlyFee: 0, hasSettings: false },
  { id: 'ringback', name: 'Ringback melody', description: 'Callers hear a melody instead of the beep', monthlyFee: 7500, hasSettings: true },
  { id: 'blacklist', name: 'Blacklist', description: 'Calls and SMS from listed numbers are rejected', monthlyFee: 4500, hasSettings: true },
].map((service) => ({ ...service, currency: 'RUB' }));

interface SeedNumber {
  msisdn: string;
  accountId: string;
  ownerName: string;
  tariffId: string;
  balance: number;
  used: { voice: number; sms: number; data: number };
  bonus: number;
  services: string[];
  /** `moscow` unless stated. */
  region?: string;
  /** A static password, for the numbers the linking flow is tried with. */
  password?: string;
}

const NUMBERS: SeedNumber[] = [
  { msisdn: DEMO.primary, accountId: 'acc_a', ownerName: 'Ivan Petrov', tariffId: 'moy-onlain', balance: 35000, used: { voice: 120, sms: 45, data: 12000 }, bonus: 1250, services: ['number-management', 'ringback'] },
  { msisdn: DEMO.linkedActive, accountId: 'acc_a2', ownerName: 'Ivan Petrov', tariffId: 'moy-onlain', balance: 12050, used: { voice: 30, sms: 12, data: 25000 }, bonus: 0, services: ['number-management'] },
  { msisdn: DEMO.linkedPending, accountId: 'acc_a3', ownerName: 'Ivan Petrov', tariffId: 'moy-razgovor', balance: 5000, used: { voice: 400, sms: 3, data: 100 }, bonus: 0, services: ['number-management'] },
  { msisdn: DEMO.zeroBalance, accountId: 'acc_b', ownerName: 'Anna Smirnova', tariffId: 'moy-onlain', balance: 0, used: { voice: 500, sms: 300, data: 30720 }, bonus: 40, services: [] },
  { msisdn: DEMO.blocked, accountId: 'acc_c', ownerName: 'Sergey Volkov', tariffId: 'moy-onlain-plus', balance: 8000, used: { voice: 10, sms: 0, data: 800 }, bonus: 300, services: ['blacklist'] },
  // Numbers to try linking with (README "Test mode"): one that links, one per refusal.
  ...[
    { msisdn: DEMO.linkable, ownerName: 'Ivan Petrov', tariffId: 'moy-onlain', services: ['number-management'] },
    { msisdn: DEMO.linkOtherOwner, ownerName: 'Anna Smirnova', tariffId: 'moy-onlain', services: ['number-management'] },
    { msisdn: DEMO.linkOtherRegion, ownerName: 'Ivan Petrov', tariffId: 'its-easy-penza', services: ['number-management'], region: 'penza' },
    { msisdn: DEMO.linkNoNumberManagement, ownerName: 'Ivan Petrov', tariffId: 'moy-onlain', services: [] },
    { msisdn: DEMO.linkExcludedTariff, ownerName: 'Ivan Petrov', tariffId: 'mayak', services: ['number-management'] },
    { msisdn: DEMO.linkBlocked, ownerName: 'Ivan Petrov', tariffId: 'moy-onlain', services: ['number-management'] },
  ].map((number, index) => ({
    ...number,
    accountId: `acc_l${index + 1}`,
    balance: 10000,
    used: { voice: 0, sms: 0, data: 0 },
    bonus: 0,
    password: 'demo-password',
  })),
];

/**
 * Writes the demo data into an empty store: accounts A (with linked numbers),
 * B (zero balance), C (blocked), plus one account per linked number so every
 * subscriber number can sign in, tariffs, services and the demo keys. Dates
 * are relative to `now`, the sandbox clock.
 */
export async function seed(tx: StoreTx, now: Date, options: SeedOptions = {}): Promise<void> {
  const tariffs = catalog(options);
  for (const tariff of tariffs) await tx.insert('tariffs', tariff);
  for (const service of SERVICES) await tx.insert('services', service);
  const opened = new Date(now.getTime() - 400 * DAY);
  for (const number of NUMBERS) {
    const tariff = tariffs.find((candidate) => candidate.id === number.tariffId);
    await tx.insert('accounts', { id: number.accountId, ownerName: number.ownerName, primaryMsisdn: number.msisdn, createdAt: opened });
    await tx.insert('numbers', {
      msisdn: number.msisdn,
      ownerName: number.ownerName,
      region: number.region ?? 'moscow',
      tariffId: number.tariffId,
      balance: number.balance,
      currency: 'RUB',
      passwordHash: number.password === undefined ? null : await sha256(number.password),
      passwordSetAt: number.password === undefined ? null : opened,
      createdAt: opened,
    });
    if (!tariff) throw new Error(`Seed number ${number.msisdn} is on an unknown tariff ${number.tariffId}`);
    for (const bucket of packageBuckets(tariff, number.used)) await tx.insert('buckets', { msisdn: number.msisdn, ...bucket });
    // The ledger explains the balance: a top-up and the month's fee sum to it.
    const fee = tariff.monthlyFee;
    const movements = [
      { amount: number.balance + fee, category: 'payment', description: 'Top-up by card', days: 20 },
      { amount: -fee, category: 'subscription', description: `Monthly fee, ${tariff.nameEn}`, days: 19 },
    ];
    for (const [index, movement] of movements.entries()) {
      await tx.insert('ledger', {
        id: `led_seed_${number.msisdn.slice(1)}_${index}`,
        msisdn: number.msisdn,
        amount: movement.amount,
        currency: 'RUB',
        category: movement.category,
        reference: null,
        description: movement.description,
        at: new Date(now.getTime() - movement.days * DAY),
      });
    }
    await tx.insert('bonus', { msisdn: number.msisdn, points: number.bonus, updatedAt: opened });
    for (const serviceId of number.services) {
      await tx.insert('number_services', {
        msisdn: number.msisdn,
        serviceId,
        settings: serviceId === 'blacklist' ? { numbers: ['+79990001122'] } : null,
        connectedAt: opened,
      });
    }
  }
  await tx.insert('links', { accountId: 'acc_a', msisdn: DEMO.linkedActive, label: 'Дочь', activatesAt: new Date(now.getTime() - 90 * DAY), createdAt: new Date(now.getTime() - 92 * DAY) });
  await tx.insert('links', { accountId: 'acc_a', msisdn: DEMO.linkedPending, label: 'Дача', activatesAt: addBusinessDays(now, 2), createdAt: now });
  await tx.insert('blocks', {
    id: 'blk_seed_c',
    msisdn: DEMO.blocked,
    kind: 'voluntary',
    permanent: false,
    startsAt: new Date(now.getTime() - DAY),
    until: new Date(now.getTime() + 14 * DAY),
    liftedAt: null,
    createdAt: new Date(now.getTime() - DAY),
  });
  await tx.insert('blocks', {
    id: 'blk_seed_link',
    msisdn: DEMO.linkBlocked,
    kind: 'operator',
    permanent: false,
    startsAt: new Date(now.getTime() - DAY),
    until: null,
    liftedAt: null,
    createdAt: new Date(now.getTime() - DAY),
  });
  // A static password on account A's number, so planned password flows have something to check.
  await tx.update('numbers', { msisdn: DEMO.primary }, { passwordHash: await sha256('demo-password'), passwordSetAt: opened });
  await tx.insert('api_keys', { key: DEMO.secretKey, kind: 'secret', partnerName: 'Demo Bank', allowedOrigins: [], createdAt: opened, revokedAt: null, exposedAt: null });
  await tx.insert('api_keys', { key: DEMO.publishableKey, kind: 'publishable', partnerName: 'Demo Bank', allowedOrigins: [...DEMO_ORIGINS], createdAt: opened, revokedAt: null, exposedAt: null });
}

/** What to seed beyond the fixed demo data. */
export type SeedOptions = CatalogOptions;

/** Seeds the store when it holds no accounts (a fresh database); leaves existing data alone. */
export async function seedIfEmpty(store: Store, clock: Clock, options: SeedOptions = {}): Promise<boolean> {
  return store.transaction(async (tx) => {
    const accounts = await tx.select('accounts');
    if (accounts.length > 0) return false;
    await seed(tx, await sandboxNow(tx, clock), options);
    return true;
  });
}
