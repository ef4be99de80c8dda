/**
 * Late providers: when widgets load on demand (the CDN loader) or in any
 * order, a widget may ask for its `<kb-provider>`'s context before the
 * provider element is upgraded, and that request would go unanswered. A
 * ContextRoot on the document keeps such requests and replays them when a
 * provider appears.
 */
import { ContextRoot } from '@lit/context';

/** Set on the document once a Kabinet copy attached its ContextRoot. */
const ATTACHED = Symbol.for('kabinet.context-root');

/**
 * Attaches one ContextRoot to the document, whichever copy of the widgets
 * calls first; later calls do nothing.
 *
 * @example
 * attachContextRoot(this.ownerDocument);
 */
export function attachContextRoot(document: Document): void {
  const marked = document as Document & { [ATTACHED]?: true };
  if (marked[ATTACHED]) return;
  marked[ATTACHED] = true;
  new ContextRoot().attach(document.documentElement);
}
