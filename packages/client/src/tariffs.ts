/**
 * Tariffs: the calls of `client.tariffs`. A change charges money, so it
 * carries an `Idempotency-Key`, and afterwards every widget watching the
 * number's balance or catalog reloads.
 */
import type { Http } from './http.js';
import { createIdempotencyKey, IDEMPOTENCY_HEADER } from './idempotency.js';
import { msisdnPath, type Msisdn } from './phone.js';
import { CurrentTariffSchema, TariffChangeSchema, TariffListSchema, type CurrentTariff, type TariffChange, type TariffList } from './schemas.js';
import type { KabinetStore } from './store.js';

/**
 * The catalog a number may choose from, its current tariff, and the switch.
 *
 * @example
 * const { tariffs } = await client.tariffs.list('+79161234567');
 * const key = createIdempotencyKey(); // once, when the person confirms
 * const change = await client.tariffs.change('+79161234567', 'moy-smart', { idempotencyKey: key });
 * change.status; // 'applied' (now) or 'scheduled' (on change.effectiveAt)
 */
export interface KabinetTariffs {
  /** What the number may switch to, its current tariff marked, names in the client's locale. Widgets read it through `store.tariffs(msisdn)`. */
  list(msisdn: Msisdn, options?: { signal?: AbortSignal }): Promise<TariffList>;
  /** The number's tariff and a switch waiting for the billing date. */
  current(msisdn: Msisdn, options?: { signal?: AbortSignal }): Promise<CurrentTariff>;
  /**
   * Switches the number to `tariffId`, charging the switch fee. Pass the same
   * `idempotencyKey` when retrying one intent (a timeout, "Try again"): the
   * fee is charged once. Without one, a fresh key is made for this call
   * (its own retries still reuse it). Refusals are `RefusedError` with
   * `insufficient_funds` (`problem.shortfall`), `tariff_unavailable`,
   * `tariff_already_active` or `number_blocked`. Afterwards (and after a
   * refusal, which may mean the catalog changed) the number's balance and
   * catalog reload in every widget.
   */
  change(msisdn: Msisdn, tariffId: string, options?: { idempotencyKey?: string; signal?: AbortSignal }): Promise<TariffChange>;
}

/** `GET /v1/tariffs?msisdn=`: the store's loader and `client.tariffs.list`. */
export function fetchTariffs(http: Http, msisdn: Msisdn, signal?: AbortSignal): Promise<TariffList> {
  return http.request('GET', 'v1/tariffs', TariffListSchema, { searchParams: { msisdn }, signal });
}

export function createTariffs(http: Http, store: KabinetStore): KabinetTariffs {
  const numberChanged = (msisdn: Msisdn) => store.invalidate((key) => key === `balance:${msisdn}` || key === `tariffs:${msisdn}`);
  return {
    list: (msisdn, options = {}) => fetchTariffs(http, msisdn, options.signal),
    current(msisdn, options = {}) {
      return http.request('GET', `v1/numbers/${msisdnPath(msisdn)}/tariff`, CurrentTariffSchema, { signal: options.signal });
    },
    async change(msisdn, tariffId, options = {}) {
      const headers = { [IDEMPOTENCY_HEADER]: options.idempotencyKey ?? createIdempotencyKey() };
      try {
        return await http.request('POST', `v1/numbers/${msisdnPath(msisdn)}/tariff-changes`, TariffChangeSchema, {
          json: { tariffId },
          headers,
          signal: options.signal,
        });
      } finally {
        numberChanged(msisdn);
      }
    },
  };
}
