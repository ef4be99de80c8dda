import * as React from 'react';
import { createComponent } from '@lit/react';
import { KbLogin as KbLoginElement } from '@kabinet/widgets';
import { eventProps } from './events.js';

/**
 * `<kb-login>` as a React component: sign-in by phone number and SMS code, and
 * sign-out.
 *
 * @example
 * <KbLogin onKbLogin={(event) => console.info(event.detail.msisdn)} onKbLogout={() => navigate("/")} />
 */
export const KbLogin = createComponent({
  react: React,
  tagName: 'kb-login',
  elementClass: KbLoginElement,
  events: eventProps('kb-login'),
  displayName: 'KbLogin',
});
