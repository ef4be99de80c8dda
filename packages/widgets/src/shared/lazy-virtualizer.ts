/**
 * @lit-labs/virtualizer, loaded on first need: only long lists use it, and
 * it weighs about as much as a widget, so pages without a long list never
 * download it (the script-tag bundle puts it in its own chunk).
 */
import type { virtualize, virtualizerRef } from '@lit-labs/virtualizer/virtualize.js';
import type { flow } from '@lit-labs/virtualizer/layouts/flow.js';

export interface VirtualizerModule {
  virtualize: typeof virtualize;
  virtualizerRef: typeof virtualizerRef;
  /** The vertical list layout, passed explicitly so the virtualizer does not import it again on its own. */
  flow: typeof flow;
}

let loading: Promise<VirtualizerModule> | undefined;

/** The virtualizer, imported once per page; a failed import may be tried again. */
export function loadVirtualizer(): Promise<VirtualizerModule> {
  loading ??= Promise.all([import('@lit-labs/virtualizer/virtualize.js'), import('@lit-labs/virtualizer/layouts/flow.js')]).then(
    ([directive, layouts]) => ({ virtualize: directive.virtualize, virtualizerRef: directive.virtualizerRef, flow: layouts.flow }),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
