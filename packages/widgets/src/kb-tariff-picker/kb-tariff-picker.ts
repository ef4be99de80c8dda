import KbTariffPicker from './kb-tariff-picker.component.js';
import { define } from '../shared/define.js';

export * from './kb-tariff-picker.component.js';
export { KbTariffPicker };
export default KbTariffPicker;

define('kb-tariff-picker', KbTariffPicker);

declare global {
  interface HTMLElementTagNameMap {
    'kb-tariff-picker': KbTariffPicker;
  }
}
