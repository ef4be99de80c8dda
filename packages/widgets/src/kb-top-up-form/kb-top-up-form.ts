import KbTopUpForm from './kb-top-up-form.component.js';
import { define } from '../shared/define.js';

export * from './kb-top-up-form.component.js';
export { KbTopUpForm };
export default KbTopUpForm;

define('kb-top-up-form', KbTopUpForm);

declare global {
  interface HTMLElementTagNameMap {
    'kb-top-up-form': KbTopUpForm;
  }
}
