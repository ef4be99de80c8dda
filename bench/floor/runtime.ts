// The floor every Kabinet page pays whatever widgets it shows: Lit, context,
// ky and a valibot schema (TOOLCHAIN.md puts it at 12.6 KB; the budget is 14).
import { LitElement, html } from 'lit';
import { ContextProvider, createContext } from '@lit/context';
import ky from 'ky';
import * as v from 'valibot';

const context = createContext<string>('floor');
const Money = v.object({ amount: v.number(), currency: v.literal('RUB') });

export class FloorRuntime extends LitElement {
  readonly provider = new ContextProvider(this, { context, initialValue: 'x' });

  override render() {
    return html`${v.safeParse(Money, { amount: 1, currency: 'RUB' }).success}`;
  }
}
customElements.define('floor-runtime', FloorRuntime);
export const api = ky.create({ prefixUrl: 'https://api.example', retry: 0 });
