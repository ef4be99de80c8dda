import * as React from 'react';
import { createComponent } from '@lit/react';
import { KbNumberSwitcher as KbNumberSwitcherElement } from '@kabinet/widgets';
import { eventProps } from './events.js';

/**
 * `<kb-number-switcher>` as a React component: the account's linked numbers:
 * switch the active one, link or unlink a number.
 *
 * @example
 * <KbNumberSwitcher onKbError={(event) => report(event.detail.code)} />
 */
export const KbNumberSwitcher = createComponent({
  react: React,
  tagName: 'kb-number-switcher',
  elementClass: KbNumberSwitcherElement,
  events: eventProps('kb-number-switcher'),
  displayName: 'KbNumberSwitcher',
});
