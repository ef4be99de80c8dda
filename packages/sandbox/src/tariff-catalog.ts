/**
 * The seeded tariff catalog: regional price lists of Moscow and Penza, with
 * Russian names (as the operator sells them) and English variants, plus a
 * generator of large catalogs for performance work.
 */
import type { UnlimitedOption } from '@kabinet/client/contract';
import type { TariffRow } from './store/store.js';

/** Regions the sandbox serves, with their names in each language. */
export const REGIONS: Record<string, { ru: string; en: string }> = {
  moscow: { ru: 'Москва и Московская область', en: 'Moscow and Moscow Region' },
  penza: { ru: 'Пензенская область', en: 'Penza Region' },
};

const GB = 1024;

interface CatalogEntry {
  id: string;
  region: string;
  name: [ru: string, en: string];
  description: [ru: string, en: string];
  /** Rubles a month. */
  fee: number;
  /** Rubles, once, when the switch is asked for. */
  switchFee: number;
  /** `null`: unlimited; 0: none included (pay per use). */
  voiceMin: number | null;
  smsCount: number | null;
  dataMb: number | null;
  unlimited?: UnlimitedOption[];
  /** Takes effect on the next billing date instead of at once. */
  nextPeriod?: boolean;
  /** Numbers on it cannot be linked (DOMAIN.md "Linked numbers"). */
  unlinkable?: boolean;
  /** Archived: only those already on it keep it. */
  archived?: boolean;
}

// The ids of "It's easy Penza" and "Mayak" are fixed points: the link rules and their seed numbers use them.
const BASE: CatalogEntry[] = [
  {
    id: 'moy-onlain', region: 'moscow', name: ['Мой онлайн', 'Moy Onlain'],
    description: ['Безлимит на мессенджеры и соцсети, 30 ГБ и 500 минут', 'Unlimited messengers and social networks, 30 GB, 500 minutes'],
    fee: 650, switchFee: 0, voiceMin: 500, smsCount: 300, dataMb: 30 * GB, unlimited: ['messengers', 'social'],
  },
  {
    id: 'moy-onlain-plus', region: 'moscow', name: ['Мой онлайн+', 'Moy Onlain+'],
    description: ['50 ГБ, 1500 минут, безлимитные SMS, видео и музыка без трат трафика', '50 GB, 1500 minutes, unlimited SMS, video and music that do not count'],
    fee: 950, switchFee: 0, voiceMin: 1500, smsCount: null, dataMb: 50 * GB, unlimited: ['messengers', 'social', 'video', 'music'],
  },
  {
    id: 'moy-razgovor', region: 'moscow', name: ['Мой разговор', 'Moy Razgovor'],
    description: ['Для звонков: 1000 минут и 5 ГБ', 'For calls: 1000 minutes and 5 GB'],
    fee: 450, switchFee: 100, voiceMin: 1000, smsCount: 100, dataMb: 5 * GB,
  },
  {
    id: 'moy-smart', region: 'moscow', name: ['Мой смарт', 'Moy Smart'],
    description: ['15 ГБ, 600 минут и 600 SMS, мессенджеры без трат трафика', '15 GB, 600 minutes and 600 SMS, messengers do not count'],
    fee: 550, switchFee: 50, voiceMin: 600, smsCount: 600, dataMb: 15 * GB, unlimited: ['messengers'],
  },
  {
    id: 'bezlimitishche', region: 'moscow', name: ['Безлимитище', 'Bezlimitishche'],
    description: ['Безлимитный интернет, 1000 минут и 500 SMS', 'Unlimited internet, 1000 minutes and 500 SMS'],
    fee: 1200, switchFee: 150, voiceMin: 1000, smsCount: 500, dataMb: null, unlimited: ['messengers', 'social', 'video'],
  },
  {
    id: 'tarifishche', region: 'moscow', name: ['Тарифище', 'Tarifishche'],
    description: ['Безлимитный интернет и 800 минут; переход с начала месяца', 'Unlimited internet and 800 minutes; switches at the start of the month'],
    fee: 850, switchFee: 100, voiceMin: 800, smsCount: 200, dataMb: null, unlimited: ['messengers', 'music'], nextPeriod: true,
  },
  {
    id: 'semeyny', region: 'moscow', name: ['Семейный', 'Semeyny'],
    description: ['Безлимитные звонки, 60 ГБ и 1000 SMS на всю семью', 'Unlimited calls, 60 GB and 1000 SMS for the whole family'],
    fee: 1500, switchFee: 0, voiceMin: null, smsCount: 1000, dataMb: 60 * GB, unlimited: ['messengers', 'social', 'music'], nextPeriod: true,
  },
  {
    id: 'dlya-plansheta', region: 'moscow', name: ['Для планшета', 'Tablet'],
    description: ['Только интернет: 40 ГБ без минут и SMS', 'Internet only: 40 GB, no minutes or SMS'],
    fee: 400, switchFee: 0, voiceMin: 0, smsCount: 0, dataMb: 40 * GB,
  },
  {
    id: 'nulevoy', region: 'moscow', name: ['Нулевой', 'Nulevoy'],
    description: ['Без абонентской платы: минуты, SMS и интернет по факту', 'No monthly fee: pay for minutes, SMS and data as you use them'],
    fee: 0, switchFee: 0, voiceMin: 0, smsCount: 0, dataMb: 0, nextPeriod: true,
  },
  {
    id: 'mayak', region: 'moscow', name: ['Маяк', 'Mayak'],
    description: ['Архивный тариф: 300 минут по Москве', 'Archived tariff: 300 minutes in Moscow'],
    fee: 200, switchFee: 0, voiceMin: 300, smsCount: 0, dataMb: 0, unlinkable: true, archived: true,
  },
  {
    id: 'its-easy-penza', region: 'penza', name: ['Это просто. Пенза', "It's easy Penza"],
    description: ['Без абонентской платы, оплата по факту, Пензенская область', 'No monthly fee, pay as you go, Penza Region'],
    fee: 0, switchFee: 0, voiceMin: 0, smsCount: 0, dataMb: 0, unlinkable: true,
  },
  {
    id: 'moy-onlain-penza', region: 'penza', name: ['Мой онлайн', 'Moy Onlain'],
    description: ['Безлимит на мессенджеры и соцсети, 30 ГБ и 500 минут', 'Unlimited messengers and social networks, 30 GB, 500 minutes'],
    fee: 450, switchFee: 0, voiceMin: 500, smsCount: 300, dataMb: 30 * GB, unlimited: ['messengers', 'social'],
  },
  {
    id: 'moy-razgovor-penza', region: 'penza', name: ['Мой разговор', 'Moy Razgovor'],
    description: ['Для звонков: 1000 минут и 5 ГБ', 'For calls: 1000 minutes and 5 GB'],
    fee: 350, switchFee: 50, voiceMin: 1000, smsCount: 100, dataMb: 5 * GB,
  },
  {
    id: 'bezlimitishche-penza', region: 'penza', name: ['Безлимитище', 'Bezlimitishche'],
    description: ['Безлимитный интернет, 1000 минут и 500 SMS', 'Unlimited internet, 1000 minutes and 500 SMS'],
    fee: 900, switchFee: 100, voiceMin: 1000, smsCount: 500, dataMb: null, unlimited: ['messengers', 'social', 'video'],
  },
  {
    id: 'moy-smart-penza', region: 'penza', name: ['Мой смарт', 'Moy Smart'],
    description: ['15 ГБ, 600 минут и 600 SMS', '15 GB, 600 minutes and 600 SMS'],
    fee: 400, switchFee: 50, voiceMin: 600, smsCount: 600, dataMb: 15 * GB, unlimited: ['messengers'],
  },
];

function toRow(entry: CatalogEntry): TariffRow {
  return {
    id: entry.id,
    name: entry.name[0],
    nameEn: entry.name[1],
    description: entry.description[0],
    descriptionEn: entry.description[1],
    region: entry.region,
    monthlyFee: entry.fee * 100,
    switchFee: entry.switchFee * 100,
    currency: 'RUB',
    voiceMin: entry.voiceMin,
    smsCount: entry.smsCount,
    dataMb: entry.dataMb,
    unlimited: entry.unlimited ?? [],
    switchTiming: entry.nextPeriod ? 'next_period' : 'now',
    linkable: !entry.unlinkable,
    open: !entry.archived,
  };
}

/** A small deterministic generator (mulberry32): the same large catalog on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const STEMS: [string, string][] = [
  ['Мой онлайн', 'Moy Onlain'],
  ['Мой разговор', 'Moy Razgovor'],
  ['Мой смарт', 'Moy Smart'],
  ['Безлимитище', 'Bezlimitishche'],
  ['Тарифище', 'Tarifishche'],
  ['Семейный', 'Semeyny'],
  ['Для своих', 'For Friends'],
  ['Путешествие', 'Travel'],
  ['Умный', 'Smart Choice'],
  ['Бизнес', 'Business'],
];

function packagesText(entry: Pick<CatalogEntry, 'voiceMin' | 'smsCount' | 'dataMb'>, locale: 0 | 1): string {
  const parts: string[] = [];
  const unlimited = locale === 0 ? 'безлимит' : 'unlimited';
  if (entry.dataMb !== 0) parts.push(entry.dataMb === null ? `${unlimited} ${locale === 0 ? 'интернет' : 'internet'}` : `${entry.dataMb / GB} ${locale === 0 ? 'ГБ' : 'GB'}`);
  if (entry.voiceMin !== 0) parts.push(entry.voiceMin === null ? `${unlimited} ${locale === 0 ? 'звонки' : 'calls'}` : `${entry.voiceMin} ${locale === 0 ? 'минут' : 'minutes'}`);
  if (entry.smsCount !== 0) parts.push(entry.smsCount === null ? `${unlimited} SMS` : `${entry.smsCount} SMS`);
  return parts.length > 0 ? parts.join(', ') : locale === 0 ? 'Оплата по факту' : 'Pay as you go';
}

/** `count` generated Moscow tariffs, numbered after the stems they are named from. */
function generated(count: number): CatalogEntry[] {
  const next = random(20_251_125);
  const pick = <T>(options: readonly T[]): T => options[Math.floor(next() * options.length)]!;
  const entries: CatalogEntry[] = [];
  for (let index = 0; index < count; index++) {
    const [ru, en] = STEMS[index % STEMS.length]!;
    const series = Math.floor(index / STEMS.length) + 2;
    const packages = {
      voiceMin: pick([0, 100, 200, 300, 500, 800, 1000, 1500, 2000, null]),
      smsCount: pick([0, 50, 100, 300, 500, 1000, null]),
      dataMb: pick([0, 1, 3, 5, 10, 15, 20, 30, 40, 50, 70, 100, null]),
    };
    const rubles = Math.round(100 + next() * 2900);
    const dataMb = packages.dataMb === null ? null : packages.dataMb * GB;
    const unlimited = (['messengers', 'social', 'video', 'music'] as const).filter(() => next() < 0.3);
    const entry = { ...packages, dataMb };
    entries.push({
      id: `gen-${String(index + 1).padStart(4, '0')}`,
      region: 'moscow',
      name: [`${ru} ${series}`, `${en} ${series}`],
      description: [packagesText(entry, 0), packagesText(entry, 1)],
      fee: rubles - (rubles % 10),
      switchFee: pick([0, 0, 0, 50, 100, 150]),
      ...entry,
      unlimited,
      nextPeriod: next() < 0.2,
    });
  }
  return entries;
}

/** What the seed puts in the catalog. */
export interface CatalogOptions {
  /**
   * How many tariffs a Moscow number may choose from: the base catalog has
   * {@link BASE_MOSCOW_OPEN}; above that, generated tariffs fill it up (1000
   * for performance work).
   */
  tariffs?: number;
}

/** Open Moscow tariffs of the base catalog. */
export const BASE_MOSCOW_OPEN = BASE.filter((entry) => entry.region === 'moscow' && !entry.archived).length;

/** The catalog rows to seed. */
export function catalog(options: CatalogOptions = {}): TariffRow[] {
  const extra = Math.max(0, (options.tariffs ?? 0) - BASE_MOSCOW_OPEN);
  return [...BASE, ...generated(extra)].map(toRow);
}
