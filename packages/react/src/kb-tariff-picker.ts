import * as React from 'react';
import { createComponent } from '@lit/react';
import { KbTariffPicker as KbTariffPickerElement } from '@kabinet/widgets';
import { eventProps } from './events.js';

/**
 * `<kb-tariff-picker>` as a React component: the tariff catalog with filters
 * and comparison, and the switch with its confirmation.
 *
 * @example
 * <KbTariffPicker onKbTariffChange={(event) => console.info(event.detail.to.name, event.detail.status)} />
 */
export const KbTariffPicker = createComponent({
  react: React,
  tagName: 'kb-tariff-picker',
  elementClass: KbTariffPickerElement,
  events: eventProps('kb-tariff-picker'),
  displayName: 'KbTariffPicker',
});
