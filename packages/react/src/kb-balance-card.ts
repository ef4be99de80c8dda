import * as React from 'react';
import { createComponent } from '@lit/react';
import { KbBalanceCard as KbBalanceCardElement } from '@kabinet/widgets';
import { eventProps } from './events.js';

/**
 * `<kb-balance-card>` as a React component: the balance, tariff and package
 * remainders of the active number (or `msisdn`).
 *
 * @example
 * <KbBalanceCard msisdn="+79161234567" onKbError={(event) => report(event.detail.code)} />
 */
export const KbBalanceCard = createComponent({
  react: React,
  tagName: 'kb-balance-card',
  elementClass: KbBalanceCardElement,
  events: eventProps('kb-balance-card'),
  displayName: 'KbBalanceCard',
});
