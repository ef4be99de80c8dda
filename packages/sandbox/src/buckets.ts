import type { BucketRow, StoreTx, TariffRow } from './store/store.js';

type Package = Pick<TariffRow, 'voiceMin' | 'smsCount' | 'dataMb'>;

/**
 * The package buckets a tariff gives a number: minutes, SMS and data, each
 * unlimited (`null`) or a size; a kind the tariff does not include (0, pay
 * per use) has no bucket.
 */
export function packageBuckets(tariff: Package, used: { voice: number; sms: number; data: number } = { voice: 0, sms: 0, data: 0 }): Omit<BucketRow, 'msisdn'>[] {
  const kinds = [
    { kind: 'voice', unit: 'min', used: used.voice, total: tariff.voiceMin },
    { kind: 'sms', unit: 'sms', used: used.sms, total: tariff.smsCount },
    { kind: 'data', unit: 'MB', used: used.data, total: tariff.dataMb },
  ];
  return kinds.filter((bucket) => bucket.total !== 0).map((bucket) => ({ ...bucket, used: bucket.total === null ? bucket.used : Math.min(bucket.used, bucket.total) }));
}

/** Replaces a number's buckets with the fresh package of `tariff` (a tariff change starts a new package). */
export async function grantPackage(tx: StoreTx, msisdn: string, tariff: Package): Promise<void> {
  await tx.delete('buckets', { msisdn });
  for (const bucket of packageBuckets(tariff)) await tx.insert('buckets', { msisdn, ...bucket });
}
