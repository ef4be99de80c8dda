import KbLogin from './kb-login.component.js';
import { define } from '../shared/define.js';

export * from './kb-login.component.js';
export { KbLogin };
export default KbLogin;

define('kb-login', KbLogin);

declare global {
  interface HTMLElementTagNameMap {
    'kb-login': KbLogin;
  }
}
