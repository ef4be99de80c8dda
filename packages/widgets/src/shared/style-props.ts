/**
 * `style=${styleProps({ width: '40%' })}`: inline style properties written
 * through the CSSOM. Lit's `styleMap` writes a `style` attribute on first
 * render, which a strict Content-Security-Policy (`style-src 'self'`, no
 * `'unsafe-inline'`) blocks; CSSOM writes are allowed.
 */
import { noChange } from 'lit';
import { Directive, directive, PartType, type AttributePart, type PartInfo } from 'lit/directive.js';

/** Property names as in CSS (`width`, `--kb-fill`), values as strings. */
export type StyleProps = Readonly<Record<string, string>>;

class StylePropsDirective extends Directive {
  #previous: readonly string[] = [];

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ATTRIBUTE || part.name !== 'style') {
      throw new Error('styleProps() belongs in a style attribute binding');
    }
  }

  render(_props: StyleProps): typeof noChange {
    return noChange;
  }

  override update(part: AttributePart, [props]: [StyleProps]): typeof noChange {
    const { style } = part.element as HTMLElement;
    for (const name of this.#previous) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.#previous = Object.keys(props);
    return noChange;
  }
}

export const styleProps = directive(StylePropsDirective);
