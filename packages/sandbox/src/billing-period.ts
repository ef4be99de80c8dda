/** Moscow time is UTC+3 all year: the operator's billing months turn at Moscow midnight. */
const MOSCOW_OFFSET_MS = 3 * 3_600_000;

/** When the packages renew: the next first of a month, 00:00 Moscow time. */
export function nextPeriodStart(now: Date): Date {
  const moscow = new Date(now.getTime() + MOSCOW_OFFSET_MS);
  const boundary = Date.UTC(moscow.getUTCFullYear(), moscow.getUTCMonth() + 1, 1);
  return new Date(boundary - MOSCOW_OFFSET_MS);
}
