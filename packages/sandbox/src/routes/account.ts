import type { AccountNumber, Balance, Me } from '@kabinet/client/contract';
import type { AppContext } from '../app-env.js';
import { nextPeriodStart } from '../billing-period.js';
import { linkedNumber } from '../linked-number.js';
import { activeBlock, assertNumberAccess, pathMsisdn } from '../number-access.js';
import { ProblemError } from '../problem.js';
import { markLanguage, requestLocale } from '../request-locale.js';
import type { RouteTable } from '../route-table.js';
import { requireSession } from '../session.js';
import { applyDueTariffChange, tariffName } from '../tariffs.js';

type Msisdn = Me['primary'];

async function me(c: AppContext): Promise<Response> {
  const { store } = c.get('deps');
  const { session, now } = await requireSession(c);
  const body = await store.transaction(async (tx): Promise<Me> => {
    const [account] = await tx.select('accounts', { id: session.accountId });
    if (!account) throw new Error(`Session ${session.id} has no account`);
    const primaryBlock = await activeBlock(tx, account.primaryMsisdn, now);
    const numbers: AccountNumber[] = [
      { msisdn: account.primaryMsisdn as Msisdn, role: 'primary', status: primaryBlock ? 'blocked' : 'active', label: null, activatesAt: null },
    ];
    const links = (await tx.select('links', { accountId: account.id })).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    for (const link of links) numbers.push(await linkedNumber(tx, link, now));
    return { accountId: account.id, ownerName: account.ownerName, primary: account.primaryMsisdn as Msisdn, numbers };
  });
  return c.json(body);
}

async function balance(c: AppContext): Promise<Response> {
  const { store } = c.get('deps');
  const { session, now } = await requireSession(c);
  const msisdn = pathMsisdn(c.req.param('msisdn'));
  const locale = requestLocale(c);
  const body = await store.transaction(async (tx): Promise<Balance> => {
    await assertNumberAccess(tx, session, msisdn, now);
    await applyDueTariffChange(tx, msisdn, now);
    const [number] = await tx.select('numbers', { msisdn });
    if (!number) throw new ProblemError(404, 'not_found', 'No such number in this account');
    const [tariff] = await tx.select('tariffs', { id: number.tariffId });
    const block = await activeBlock(tx, msisdn, now);
    const renewsAt = nextPeriodStart(now).toISOString();
    const order = ['voice', 'sms', 'data'];
    const buckets = (await tx.select('buckets', { msisdn }))
      .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
      .map((bucket) => ({
        kind: bucket.kind as Balance['buckets'][number]['kind'],
        unit: bucket.unit as Balance['buckets'][number]['unit'],
        used: bucket.used,
        total: bucket.total,
        renewsAt,
      }));
    return {
      msisdn: msisdn as Msisdn,
      status: block ? 'blocked' : 'active',
      balance: { amount: number.balance, currency: 'RUB' },
      tariff: { id: number.tariffId, name: tariff ? tariffName(tariff, locale) : number.tariffId },
      buckets,
      block: block ? { kind: block.kind as 'voluntary' | 'operator', until: block.until?.toISOString() ?? null } : null,
      asOf: now.toISOString(),
    };
  });
  markLanguage(c, locale);
  return c.json(body);
}

/** `GET /v1/me`, `GET /v1/numbers/{msisdn}/balance`. */
export function accountRoutes(routes: RouteTable): void {
  routes.on('GET', '/v1/me', me);
  routes.on('GET', '/v1/numbers/:msisdn/balance', balance);
}
