// A compile-time specification (checked by `npm run typecheck`, never run):
// the wrappers' props and `onKb*` events, and the `<kb-*>` JSX tags, are
// typed with the elements' properties and the events' `detail` (an untyped
// handler parameter would fail strict mode's noImplicitAny).
import type { TopUp } from '@kabinet/client';
import { KbBalanceCard, KbLogin, KbProvider, KbTariffPicker, KbTopUpForm, eventProps } from '@kabinet/react';

export const wrappers = (
  <KbProvider apiBase="http://127.0.0.1:8787" locale="en" theme="dark" onKbNumberChange={(event) => event.detail.msisdn.startsWith('+')}>
    <KbLogin onKbLogin={(event) => event.detail.msisdn} onKbLogout={(event) => event.detail.msisdn ?? 'none'} />
    <KbBalanceCard msisdn="+79161234567" onKbError={(event) => event.detail.code.length} />
    <KbTariffPicker onKbTariffChange={(event) => event.detail.status === 'scheduled' && event.detail.charged.amount} />
    <KbTopUpForm onKbTopUp={(event) => expectTopUp(event.detail.topUp)} />
    {/* @ts-expect-error the balance card dispatches no kb-top-up */}
    <KbBalanceCard onKbTopUp={() => undefined} />
    {/* @ts-expect-error theme is 'light' | 'dark' | 'auto' */}
    <KbProvider theme="sepia" />
  </KbProvider>
);

export const tags = (
  <kb-provider api-base="http://127.0.0.1:8787" onkb-login={(event) => event.detail.msisdn}>
    <kb-balance-card msisdn="+79161234567" className="wide"></kb-balance-card>
    <kb-top-up-form onkb-top-up={(event) => expectTopUp(event.detail.topUp)}></kb-top-up-form>
    {/* @ts-expect-error msisdn is a string */}
    <kb-tariff-picker msisdn={79161234567}></kb-tariff-picker>
  </kb-provider>
);

export const names: { onKbTopUp: string; onKbError: string } = eventProps('kb-top-up-form');

function expectTopUp(topUp: TopUp): string {
  return topUp.id;
}
