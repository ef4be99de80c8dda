import KbNumberSwitcher from './kb-number-switcher.component.js';
import { define } from '../shared/define.js';

export * from './kb-number-switcher.component.js';
export { KbNumberSwitcher };
export default KbNumberSwitcher;

define('kb-number-switcher', KbNumberSwitcher);

declare global {
  interface HTMLElementTagNameMap {
    'kb-number-switcher': KbNumberSwitcher;
  }
}
