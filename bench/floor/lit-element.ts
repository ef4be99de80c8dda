// The floor of a widget: the smallest useful Lit element (a property, a
// template, styles), registered. Everything we ship is compared with this.
import { LitElement, css, html } from 'lit';

export class FloorElement extends LitElement {
  static override properties = { name: { type: String } };
  static override styles = css`:host { display: block; }`;
  declare name: string;

  override render() {
    return html`<p>Hello, ${this.name}</p>`;
  }
}
customElements.define('floor-element', FloorElement);
