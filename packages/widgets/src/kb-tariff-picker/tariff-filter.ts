/**
 * The picker's filters and sort: what a person narrows the catalog with. A
 * pure function of the list, so a keystroke costs one pass over it.
 */
import type { Tariff } from '@kabinet/client';

/** Unlimited filter chips: a package that is unlimited, or an option that does not count against data. */
export const UNLIMITED_FILTERS = ['data', 'voice', 'messengers', 'video'] as const;
export type UnlimitedFilter = (typeof UNLIMITED_FILTERS)[number];

/** Data volume chips, in GB (0: any). */
export const DATA_STEPS = [0, 10, 30, 50] as const;

export const SORTS = ['fee-asc', 'fee-desc', 'data-desc', 'name'] as const;
export type TariffSort = (typeof SORTS)[number];

export interface TariffFilter {
  /** Whole rubles a month; `null`: no bound. */
  feeMin: number | null;
  feeMax: number | null;
  /** At least this much data, in GB (unlimited always qualifies). */
  dataMinGb: number;
  /** Every chosen kind must be unlimited. */
  unlimited: readonly UnlimitedFilter[];
  sort: TariffSort;
}

export const NO_FILTER: TariffFilter = Object.freeze({ feeMin: null, feeMax: null, dataMinGb: 0, unlimited: [], sort: 'fee-asc' });

/** Whether anything narrows the list (the sort does not). */
export function isFiltered(filter: TariffFilter): boolean {
  return filter.feeMin !== null || filter.feeMax !== null || filter.dataMinGb > 0 || filter.unlimited.length > 0;
}

/** Whole rubles typed in a fee field: digits and spaces only; empty is no bound, anything else is invalid. */
export function parseRubles(text: string): number | null | 'invalid' {
  const compact = text.replace(/[\s\u00a0]/g, '');
  if (compact === '') return null;
  return /^\d{1,7}$/.test(compact) ? Number(compact) : 'invalid';
}

function isUnlimited(tariff: Tariff, kind: UnlimitedFilter): boolean {
  if (kind === 'data') return tariff.dataMb === null;
  if (kind === 'voice') return tariff.voiceMin === null;
  return tariff.unlimited.includes(kind);
}

/** Unlimited data sorts above any volume. */
const dataRank = (tariff: Tariff) => (tariff.dataMb === null ? Number.POSITIVE_INFINITY : tariff.dataMb);

const COMPARE: Record<TariffSort, (a: Tariff, b: Tariff) => number> = {
  'fee-asc': (a, b) => a.monthlyFee.amount - b.monthlyFee.amount,
  'fee-desc': (a, b) => b.monthlyFee.amount - a.monthlyFee.amount,
  'data-desc': (a, b) => dataRank(b) - dataRank(a) || a.monthlyFee.amount - b.monthlyFee.amount,
  name: () => 0,
};

/**
 * The tariffs that pass `filter`, in its sort order (ties by name).
 *
 * @example
 * applyFilter(list.tariffs, { ...NO_FILTER, feeMax: 700, unlimited: ['messengers'] });
 */
export function applyFilter(tariffs: readonly Tariff[], filter: TariffFilter, collator: Intl.Collator): Tariff[] {
  const minKopecks = filter.feeMin === null ? Number.NEGATIVE_INFINITY : filter.feeMin * 100;
  const maxKopecks = filter.feeMax === null ? Number.POSITIVE_INFINITY : filter.feeMax * 100;
  const minMb = filter.dataMinGb * 1024;
  const kept = tariffs.filter(
    (tariff) =>
      tariff.monthlyFee.amount >= minKopecks &&
      tariff.monthlyFee.amount <= maxKopecks &&
      (tariff.dataMb === null || tariff.dataMb >= minMb) &&
      filter.unlimited.every((kind) => isUnlimited(tariff, kind)),
  );
  const order = COMPARE[filter.sort];
  return kept.sort((a, b) => order(a, b) || collator.compare(a.name, b.name));
}
