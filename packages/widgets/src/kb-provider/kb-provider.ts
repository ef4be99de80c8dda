import KbProvider from './kb-provider.component.js';
import { define } from '../shared/define.js';

export * from './kb-provider.component.js';
export { KbProvider };
export default KbProvider;

define('kb-provider', KbProvider);

declare global {
  interface HTMLElementTagNameMap {
    'kb-provider': KbProvider;
  }
}
