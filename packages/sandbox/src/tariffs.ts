/**
 * Tariffs (DOMAIN.md "Tariffs"): which tariffs a number may choose, how a
 * tariff reads in each language, and switches that wait for the billing date.
 */
import type { ScheduledTariffChange, Tariff, TariffRef, UnlimitedOption } from '@kabinet/client/contract';
import { audit } from './audit.js';
import { grantPackage } from './buckets.js';
import type { ApiLocale } from './request-locale.js';
import type { NumberRow, StoreTx, TariffChangeRow, TariffRow } from './store/store.js';

/** A tariff's name in `locale` (older databases have no English text: the Russian one stands in). */
export function tariffName(tariff: TariffRow, locale: ApiLocale): string {
  return locale === 'en' && tariff.nameEn ? tariff.nameEn : tariff.name;
}

export function tariffRef(tariff: TariffRow, locale: ApiLocale): TariffRef {
  return { id: tariff.id, name: tariffName(tariff, locale) };
}

/** Whether `number` may switch to `tariff`: open (not archived) and sold in the number's region. */
export function isOpenTo(tariff: TariffRow, number: NumberRow): boolean {
  return tariff.open && tariff.region === number.region;
}

/** A catalog row as the API shows it to `number`. */
export function tariffView(tariff: TariffRow, number: NumberRow, locale: ApiLocale): Tariff {
  return {
    id: tariff.id,
    name: tariffName(tariff, locale),
    description: locale === 'en' && tariff.descriptionEn ? tariff.descriptionEn : tariff.description,
    monthlyFee: { amount: tariff.monthlyFee, currency: 'RUB' },
    switchFee: { amount: tariff.switchFee, currency: 'RUB' },
    voiceMin: tariff.voiceMin,
    smsCount: tariff.smsCount,
    dataMb: tariff.dataMb,
    unlimited: (Array.isArray(tariff.unlimited) ? tariff.unlimited : []) as UnlimitedOption[],
    switchTiming: tariff.switchTiming === 'next_period' ? 'next_period' : 'now',
    current: tariff.id === number.tariffId,
    available: isOpenTo(tariff, number),
  };
}

/** The switch of `msisdn` waiting for the billing date, if any. */
export async function scheduledChange(tx: StoreTx, msisdn: string): Promise<TariffChangeRow | null> {
  const [change] = await tx.select('tariff_changes', { msisdn, status: 'scheduled' });
  return change ?? null;
}

export async function scheduledView(tx: StoreTx, change: TariffChangeRow | null, locale: ApiLocale): Promise<ScheduledTariffChange | null> {
  if (!change) return null;
  const [to] = await tx.select('tariffs', { id: change.toTariffId });
  return {
    id: change.id,
    to: to ? tariffRef(to, locale) : { id: change.toTariffId, name: change.toTariffId },
    effectiveAt: change.effectiveAt.toISOString(),
  };
}

/**
 * Puts a number on its new tariff once a scheduled switch is due. The
 * sandbox has no billing run: every read of a number's tariff calls this
 * first, so moving the sandbox clock past the billing date applies the switch.
 */
export async function applyDueTariffChange(tx: StoreTx, msisdn: string, now: Date): Promise<void> {
  const change = await scheduledChange(tx, msisdn);
  if (!change || change.effectiveAt.getTime() > now.getTime()) return;
  const [tariff] = await tx.select('tariffs', { id: change.toTariffId });
  if (!tariff) return;
  await tx.update('numbers', { msisdn }, { tariffId: tariff.id });
  await grantPackage(tx, msisdn, tariff);
  await tx.update('tariff_changes', { id: change.id }, { status: 'applied', appliedAt: change.effectiveAt });
  await audit(tx, change.effectiveAt, {
    action: 'tariff.change_applied',
    actor: 'sandbox',
    accountId: change.accountId,
    msisdn,
    details: { changeId: change.id, from: change.fromTariffId, to: change.toTariffId },
  });
}
