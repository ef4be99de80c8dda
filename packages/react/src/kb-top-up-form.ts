import * as React from 'react';
import { createComponent } from '@lit/react';
import { KbTopUpForm as KbTopUpFormElement } from '@kabinet/widgets';
import { eventProps } from './events.js';

/**
 * `<kb-top-up-form>` as a React component: tops up a number by card, bonus
 * points or another of one's numbers, with 3-D Secure and a receipt.
 *
 * @example
 * <KbTopUpForm onKbTopUp={(event) => setPayments((list) => [...list, event.detail.topUp])} />
 */
export const KbTopUpForm = createComponent({
  react: React,
  tagName: 'kb-top-up-form',
  elementClass: KbTopUpFormElement,
  events: eventProps('kb-top-up-form'),
  displayName: 'KbTopUpForm',
});
