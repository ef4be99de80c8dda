import * as React from 'react';
import { createComponent } from '@lit/react';
import { KbProvider as KbProviderElement } from '@kabinet/widgets';
import { eventProps } from './events.js';

/**
 * `<kb-provider>` as a React component: holds the client, session, active
 * number, locale and theme for every Kabinet component inside it. Props are
 * the element's properties (`apiBase`, `publishableKey`, `sessionToken`,
 * `locale`, `msisdn`, `theme`, `client`, `captcha`). Every Kabinet event
 * bubbles to it, so it takes every `onKb*` prop.
 *
 * @example
 * <KbProvider apiBase="https://api.operator.example" locale="ru" onKbSessionExpired={() => setSignedIn(false)}>
 *   <KbLogin />
 *   <KbBalanceCard />
 * </KbProvider>
 */
export const KbProvider = createComponent({
  react: React,
  tagName: 'kb-provider',
  elementClass: KbProviderElement,
  events: eventProps('kb-provider'),
  displayName: 'KbProvider',
});
