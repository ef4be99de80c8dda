import { TariffChangeRequestSchema, formatMoney, parsePhone, type CurrentTariff, type TariffChange, type TariffList } from '@kabinet/client/contract';
import type { AppContext } from '../app-env.js';
import { audit, sessionActor } from '../audit.js';
import { nextPeriodStart } from '../billing-period.js';
import { grantPackage } from '../buckets.js';
import { claimKey, completeKey, idempotencyKey, releaseKey, requestFingerprint, type IdempotencyClaim } from '../idempotency.js';
import { readJson } from '../json-body.js';
import { recordMovement } from '../ledger.js';
import { activeBlock, assertNumberAccess, pathMsisdn } from '../number-access.js';
import { ProblemError, validationProblem } from '../problem.js';
import { markLanguage, requestLocale, type ApiLocale } from '../request-locale.js';
import type { RouteTable } from '../route-table.js';
import { requireSession } from '../session.js';
import type { Json, NumberRow, StoreTx } from '../store/store.js';
import { REGIONS } from '../tariff-catalog.js';
import { applyDueTariffChange, isOpenTo, scheduledChange, scheduledView, tariffRef, tariffView } from '../tariffs.js';
import { randomId } from '../token.js';

type Msisdn = TariffList['msisdn'];

/** Russian and English text of a refusal; the API answers in the request's language. */
const say = (locale: ApiLocale, ru: string, en: string) => (locale === 'en' ? en : ru);

async function numberRow(tx: StoreTx, msisdn: string): Promise<NumberRow> {
  const [number] = await tx.select('numbers', { msisdn }, { forUpdate: true });
  if (!number) throw new ProblemError(404, 'not_found', 'No such number in this account');
  return number;
}

/** `GET /v1/tariffs?msisdn=`: the tariffs the number may switch to, and its current one marked. */
async function listTariffs(c: AppContext): Promise<Response> {
  const { store } = c.get('deps');
  const { session, now } = await requireSession(c);
  const query = c.req.query('msisdn');
  const msisdn = query === undefined ? null : parsePhone(query);
  if (!msisdn) {
    throw validationProblem([{ pointer: '/msisdn', code: query === undefined ? 'required' : 'invalid_phone', detail: 'Query parameter "msisdn": the number whose catalog to list, such as +79161234567' }]);
  }
  const locale = requestLocale(c);
  const body = await store.transaction(async (tx): Promise<TariffList> => {
    await assertNumberAccess(tx, session, msisdn, now);
    await applyDueTariffChange(tx, msisdn, now);
    const number = await numberRow(tx, msisdn);
    const offered = (await tx.select('tariffs', { region: number.region, open: true })).filter((tariff) => isOpenTo(tariff, number));
    // The current tariff is always shown, even when it is archived or sold elsewhere (then it is not `available`).
    if (!offered.some((tariff) => tariff.id === number.tariffId)) {
      const [current] = await tx.select('tariffs', { id: number.tariffId });
      if (current) offered.push(current);
    }
    offered.sort((a, b) => a.monthlyFee - b.monthlyFee || a.name.localeCompare(b.name, 'ru'));
    const region = REGIONS[number.region];
    return {
      msisdn: msisdn as Msisdn,
      region: { id: number.region, name: region ? region[locale] : number.region },
      nextBillingAt: nextPeriodStart(now).toISOString(),
      scheduled: await scheduledView(tx, await scheduledChange(tx, msisdn), locale),
      tariffs: offered.map((tariff) => tariffView(tariff, number, locale)),
    };
  });
  markLanguage(c, locale);
  return c.json(body);
}

/** `GET /v1/numbers/{msisdn}/tariff`: the number's tariff, and a switch waiting for the billing date. */
async function currentTariff(c: AppContext): Promise<Response> {
  const { store } = c.get('deps');
  const { session, now } = await requireSession(c);
  const msisdn = pathMsisdn(c.req.param('msisdn'));
  const locale = requestLocale(c);
  const body = await store.transaction(async (tx): Promise<CurrentTariff> => {
    await assertNumberAccess(tx, session, msisdn, now);
    await applyDueTariffChange(tx, msisdn, now);
    const number = await numberRow(tx, msisdn);
    const [tariff] = await tx.select('tariffs', { id: number.tariffId });
    if (!tariff) throw new Error(`Number ${msisdn} is on an unknown tariff ${number.tariffId}`);
    return {
      msisdn: msisdn as Msisdn,
      tariff: tariffView(tariff, number, locale),
      scheduled: await scheduledView(tx, await scheduledChange(tx, msisdn), locale),
    };
  });
  markLanguage(c, locale);
  return c.json(body);
}

/**
 * `POST /v1/numbers/{msisdn}/tariff-changes` with an `Idempotency-Key`:
 * charges the switch fee through the ledger and puts the number on the new
 * tariff now, or on the next billing date when the tariff says so. Refusals:
 * `number_blocked`, `tariff_already_active`, `tariff_unavailable`,
 * `insufficient_funds`; each is audited, charges nothing and frees the key.
 */
async function changeTariff(c: AppContext): Promise<Response> {
  const { store, clock } = c.get('deps');
  const { session, now: authenticatedAt } = await requireSession(c);
  const msisdn = pathMsisdn(c.req.param('msisdn'));
  // Another account's number is 404 before anything about the request is judged.
  await store.transaction((tx) => assertNumberAccess(tx, session, msisdn, authenticatedAt));
  const key = idempotencyKey(c);
  const request = await readJson(c, TariffChangeRequestSchema);
  const locale = requestLocale(c);
  const origin = c.req.header('origin') ?? null;
  const claim: IdempotencyClaim = { scope: `account:${session.accountId}`, key };
  const stored = await claimKey(store, clock, claim, await requestFingerprint('POST', new URL(c.req.url).pathname, request));
  if (stored) return c.json(stored.body, stored.status as 201);

  let outcome: TariffChange | ProblemError;
  try {
    outcome = await store.transaction(async (tx): Promise<TariffChange | ProblemError> => {
      const now = authenticatedAt;
      await assertNumberAccess(tx, session, msisdn, now);
      await applyDueTariffChange(tx, msisdn, now);
      const number = await numberRow(tx, msisdn);
      const [target] = await tx.select('tariffs', { id: request.tariffId });
      const [from] = await tx.select('tariffs', { id: number.tariffId });
      if (!from) throw new Error(`Number ${msisdn} is on an unknown tariff ${number.tariffId}`);
      const who = { ...sessionActor(session), msisdn, origin };
      const refuse = async (problem: ProblemError) => {
        await audit(tx, now, { ...who, action: 'tariff.change_refused', details: { tariffId: request.tariffId, code: problem.code } });
        return problem;
      };

      const block = await activeBlock(tx, msisdn, now);
      if (block) {
        const until = block.until?.toISOString() ?? null;
        return refuse(
          new ProblemError(403, 'number_blocked', say(locale, 'Номер заблокирован: пока блокировка действует, тариф сменить нельзя.', 'The number is blocked: its tariff cannot be changed while the block lasts.'), { until }),
        );
      }
      const pending = await scheduledChange(tx, msisdn);
      if (request.tariffId === number.tariffId || pending?.toTariffId === request.tariffId) {
        const scheduledAt = pending?.toTariffId === request.tariffId ? pending.effectiveAt.toISOString() : null;
        const name = target ? tariffRef(target, locale).name : request.tariffId;
        return refuse(
          new ProblemError(
            409,
            'tariff_already_active',
            scheduledAt
              ? say(locale, `Переход на «${name}» уже запланирован.`, `The switch to "${name}" is already scheduled.`)
              : say(locale, `Номер уже на тарифе «${name}».`, `The number is already on "${name}".`),
            { tariffId: request.tariffId, scheduledAt },
          ),
        );
      }
      if (!target || !isOpenTo(target, number)) {
        const reason = !target ? 'unknown' : !target.open ? 'archived' : 'region';
        return refuse(
          new ProblemError(
            403,
            'tariff_unavailable',
            reason === 'archived'
              ? say(locale, 'Этот тариф в архиве: перейти на него нельзя.', 'This tariff is archived: it is closed to new switches.')
              : say(locale, 'Этот тариф недоступен для номера: его нет в вашем регионе.', 'This tariff is not open to this number: it is not sold in its region.'),
            { tariffId: request.tariffId, reason },
          ),
        );
      }
      if (number.balance < target.switchFee || number.balance < 0) {
        const required = { amount: target.switchFee, currency: 'RUB' as const };
        const balance = { amount: number.balance, currency: 'RUB' as const };
        const shortfall = { amount: Math.max(target.switchFee - number.balance, 1), currency: 'RUB' as const };
        return refuse(
          new ProblemError(
            402,
            'insufficient_funds',
            say(
              locale,
              `На балансе ${formatMoney(balance, 'ru')}, а переход стоит ${formatMoney(required, 'ru')}: пополните счёт минимум на ${formatMoney(shortfall, 'ru')}.`,
              `The balance is ${formatMoney(balance, 'en')} and the switch costs ${formatMoney(required, 'en')}: top up at least ${formatMoney(shortfall, 'en')}.`,
            ),
            { balance, required, shortfall },
          ),
        );
      }

      const id = randomId('tch');
      const billingDate = nextPeriodStart(now);
      const later = target.switchTiming === 'next_period';
      const effectiveAt = later ? billingDate : now;
      // A newer request replaces a switch still waiting (its fee was the price of asking, and stays paid).
      if (pending) await tx.update('tariff_changes', { id: pending.id }, { status: 'cancelled' });
      let balanceAfter = number.balance;
      if (target.switchFee > 0) {
        balanceAfter = await recordMovement(tx, {
          msisdn,
          amount: -target.switchFee,
          category: 'services',
          reference: id,
          description: `Tariff change to ${target.nameEn || target.name}`,
          at: now,
        });
      }
      if (!later) {
        await tx.update('numbers', { msisdn }, { tariffId: target.id });
        await grantPackage(tx, msisdn, target);
      }
      await tx.insert('tariff_changes', {
        id,
        msisdn,
        accountId: session.accountId,
        fromTariffId: from.id,
        toTariffId: target.id,
        switchFee: target.switchFee,
        currency: 'RUB',
        status: later ? 'scheduled' : 'applied',
        requestedAt: now,
        effectiveAt,
        appliedAt: later ? null : now,
      });
      const body: TariffChange = {
        id,
        msisdn: msisdn as Msisdn,
        from: tariffRef(from, locale),
        to: tariffRef(target, locale),
        status: later ? 'scheduled' : 'applied',
        effectiveAt: effectiveAt.toISOString(),
        charged: { amount: target.switchFee, currency: 'RUB' },
        monthlyFee: { amount: target.monthlyFee, currency: 'RUB' },
        firstFeeAt: billingDate.toISOString(),
        balance: { amount: balanceAfter, currency: 'RUB' },
        createdAt: now.toISOString(),
      };
      await audit(tx, now, {
        ...who,
        action: later ? 'tariff.change_scheduled' : 'tariff.changed',
        details: { changeId: id, from: from.id, to: target.id, charged: target.switchFee, effectiveAt: body.effectiveAt, replaced: pending?.id ?? null },
      });
      await completeKey(tx, claim, { status: 201, body: body as unknown as Json });
      return body;
    });
  } catch (error) {
    await releaseKey(store, claim);
    throw error;
  }
  if (outcome instanceof ProblemError) {
    await releaseKey(store, claim);
    throw outcome;
  }
  return c.json(outcome, 201);
}

/** `GET /v1/tariffs`, `GET /v1/numbers/{msisdn}/tariff`, `POST /v1/numbers/{msisdn}/tariff-changes`. */
export function tariffRoutes(routes: RouteTable): void {
  routes.on('GET', '/v1/tariffs', listTariffs);
  routes.on('GET', '/v1/numbers/:msisdn/tariff', currentTariff);
  routes.on('POST', '/v1/numbers/:msisdn/tariff-changes', changeTariff);
}
