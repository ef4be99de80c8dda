import KbBalanceCard from './kb-balance-card.component.js';
import { define } from '../shared/define.js';

export * from './kb-balance-card.component.js';
export { KbBalanceCard };
export default KbBalanceCard;

define('kb-balance-card', KbBalanceCard);

declare global {
  interface HTMLElementTagNameMap {
    'kb-balance-card': KbBalanceCard;
  }
}
