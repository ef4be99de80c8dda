/**
 * How a tariff's packages read: "500 мин · 300 SMS · 30 ГБ", "безлимитный
 * интернет", "Оплата по факту". Shared by the list rows and the comparison.
 */
import type { Locale, Tariff } from '@kabinet/client';
import { numberFormat } from '../shared/intl.js';
import type { Messages } from './messages.js';

export type PackageKind = 'voice' | 'sms' | 'data';

/** One package as a phrase, or `null` when the tariff does not include it. */
export function packageText(tariff: Tariff, kind: PackageKind, t: Messages, locale: Locale): string | null {
  const m = t.tariffs;
  if (kind === 'voice') {
    if (tariff.voiceMin === null) return m.unlimitedVoice;
    return tariff.voiceMin > 0 ? m.minutes(numberFormat(locale, 0).format(tariff.voiceMin)) : null;
  }
  if (kind === 'sms') {
    if (tariff.smsCount === null) return m.unlimitedSms;
    return tariff.smsCount > 0 ? m.sms(numberFormat(locale, 0).format(tariff.smsCount)) : null;
  }
  if (tariff.dataMb === null) return m.unlimitedData;
  if (tariff.dataMb <= 0) return null;
  return tariff.dataMb >= 1024 ? m.data(numberFormat(locale, 1).format(tariff.dataMb / 1024), 'GB') : m.data(numberFormat(locale, 0).format(tariff.dataMb), 'MB');
}

/** The packages in one line, data first (what people compare most). */
export function packagesLine(tariff: Tariff, t: Messages, locale: Locale): string {
  const parts = (['data', 'voice', 'sms'] as const).map((kind) => packageText(tariff, kind, t, locale)).filter((part) => part !== null);
  return parts.length > 0 ? parts.join(' · ') : t.tariffs.payAsYouGo;
}

/** "Не тратят трафик: мессенджеры, соцсети", or `null` without unlimited options. */
export function optionsLine(tariff: Tariff, t: Messages): string | null {
  if (tariff.unlimited.length === 0) return null;
  return t.tariffs.unlimitedIn(tariff.unlimited.map((option) => t.tariffs.option[option]).join(', '));
}
