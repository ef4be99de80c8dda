import { addBusinessDays } from './business-days.js';
import { sandboxNow, type Clock } from './clock.js';
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
  secretKey: 'sk_test_demo',
  publishableKey: 'pk_test_demo',
  /** The captcha token that always passes. */
  captchaToken: 'test-pass',
} as const;

/** Origins the demo publishable key accepts. */
export const DEMO_ORIGINS = ['http://127.0.0.1:8080', 'http://localhost:8080'] as const;

const DAY = 86_400_000;

const TARIFFS = [
  { id: 'moy-onlain', name: 'Moy Onlain', description: 'Unlimited messengers and social networks, 30 GB, 500 minutes', region: 'moscow', monthlyFee: 65000, switchFee: 0, voiceMin: 500, smsCount: 300, dataMb: 30720, linkable: true, open: true },
  { id: 'moy-onlain-plus', name: 'Moy Onlain+', description: '50 GB, 1500 minutes, unlimited SMS', region: 'moscow', monthlyFee: 95000, switchFee: 0, voiceMin: 1500, smsCount: null, dataMb: 51200, linkable: true, open: true },
  { id: 'moy-razgovor', name: 'Moy Razgovor', description: 'For calls: 1000 minutes, 5 GB', region: 'moscow', monthlyFee: 45000, switchFee: 10000, voiceMin: 1000, smsCount: 100, dataMb: 5120, linkable: true, open: true },
  { id: 'its-easy-penza', name: "It's easy Penza", description: 'Pay per use, Penza region', region: 'penza', monthlyFee: 0, switchFee: 0, voiceMin: null, smsCount: null, dataMb: null, linkable: false, open: true },
  { id: 'mayak', name: 'Mayak', description: 'Archived tariff', region: 'moscow', monthlyFee: 0, switchFee: 0, voiceMin: null, smsCount: null, dataMb: null, linkable: false, open: false },
].map((tariff) => ({ ...tariff, currency: 'RUB' }));

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
}

const NUMBERS: SeedNumber[] = [
  { msisdn: DEMO.primary, accountId: 'acc_a', ownerName: 'Ivan Petrov', tariffId: 'moy-onlain', balance: 35000, used: { voice: 120, sms: 45, data: 12000 }, bonus: 1250, services: ['number-management', 'ringback'] },
  { msisdn: DEMO.linkedActive, accountId: 'acc_a2', ownerName: 'Ivan Petrov', tariffId: 'moy-onlain', balance: 12050, used: { voice: 30, sms: 12, data: 25000 }, bonus: 0, services: ['number-management'] },
  { msisdn: DEMO.linkedPending, accountId: 'acc_a3', ownerName: 'Ivan Petrov', tariffId: 'moy-razgovor', balance: 5000, used: { voice: 400, sms: 3, data: 100 }, bonus: 0, services: ['number-management'] },
  { msisdn: DEMO.zeroBalance, accountId: 'acc_b', ownerName: 'Anna Smirnova', tariffId: 'moy-onlain', balance: 0, used: { voice: 500, sms: 300, data: 30720 }, bonus: 40, services: [] },
  { msisdn: DEMO.blocked, accountId: 'acc_c', ownerName: 'Sergey Volkov', tariffId: 'moy-onlain-plus', balance: 8000, used: { voice: 10, sms: 0, data: 800 }, bonus: 300, services: ['blacklist'] },
];

/**
 * Writes the demo data into an empty store: accounts A (with linked numbers),
 * B (zero balance), C (blocked), plus one account per linked number so every
 * subscriber number can sign in, tariffs, services and the demo keys. Dates
 * are relative to `now`, the sandbox clock.
 */
export async function seed(tx: StoreTx, now: Date): Promise<void> {
  for (const tariff of TARIFFS) await tx.insert('tariffs', tariff);
  for (const service of SERVICES) await tx.insert('services', service);
  const opened = new Date(now.getTime() - 400 * DAY);
  for (const number of NUMBERS) {
    const tariff = TARIFFS.find((candidate) => candidate.id === number.tariffId);
    await tx.insert('accounts', { id: number.accountId, ownerName: number.ownerName, primaryMsisdn: number.msisdn, createdAt: opened });
    await tx.insert('numbers', {
      msisdn: number.msisdn,
      ownerName: number.ownerName,
      region: 'moscow',
      tariffId: number.tariffId,
      balance: number.balance,
      currency: 'RUB',
      passwordHash: null,
      passwordSetAt: null,
      createdAt: opened,
    });
    const buckets = [
      { kind: 'voice', unit: 'min', used: number.used.voice, total: tariff?.voiceMin ?? null },
      { kind: 'sms', unit: 'sms', used: number.used.sms, total: tariff?.smsCount ?? null },
      { kind: 'data', unit: 'MB', used: number.used.data, total: tariff?.dataMb ?? null },
    ];
    for (const bucket of buckets) await tx.insert('buckets', { msisdn: number.msisdn, ...bucket });
    // The ledger explains the balance: a top-up and the month's fee sum to it.
    const fee = tariff?.monthlyFee ?? 0;
    const movements = [
      { amount: number.balance + fee, category: 'payment', description: 'Top-up by card', days: 20 },
      { amount: -fee, category: 'subscription', description: `Monthly fee, ${tariff?.name ?? number.tariffId}`, days: 19 },
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
  // A static password on account A's number, so planned password flows have something to check.
  await tx.update('numbers', { msisdn: DEMO.primary }, { passwordHash: await sha256('demo-password'), passwordSetAt: opened });
  await tx.insert('api_keys', { key: DEMO.secretKey, kind: 'secret', partnerName: 'Demo Bank', allowedOrigins: [], createdAt: opened, revokedAt: null });
  await tx.insert('api_keys', { key: DEMO.publishableKey, kind: 'publishable', partnerName: 'Demo Bank', allowedOrigins: [...DEMO_ORIGINS], createdAt: opened, revokedAt: null });
}

/** Seeds the store when it holds no accounts (a fresh database); leaves existing data alone. */
export async function seedIfEmpty(store: Store, clock: Clock): Promise<boolean> {
  return store.transaction(async (tx) => {
    const accounts = await tx.select('accounts');
    if (accounts.length > 0) return false;
    await seed(tx, await sandboxNow(tx, clock));
    return true;
  });
}
