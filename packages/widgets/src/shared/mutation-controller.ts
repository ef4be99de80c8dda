/**
 * One user intent that changes server data (a tariff switch, a payment): its
 * pending, done and failed states for the host to render, one call at a time,
 * and an abort when the host leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type MutationStatus = 'idle' | 'pending' | 'done' | 'error';

export class MutationController<A extends unknown[], R> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #call: (signal: AbortSignal, ...args: A) => Promise<R>;
  #controller: AbortController | undefined;
  status: MutationStatus = 'idle';
  result: R | undefined;
  error: unknown;

  constructor(host: ReactiveControllerHost, call: (signal: AbortSignal, ...args: A) => Promise<R>) {
    this.#host = host;
    this.#call = call;
    host.addController(this);
  }

  get pending(): boolean {
    return this.status === 'pending';
  }

  /**
   * Runs the call unless one is pending (a double click does nothing).
   * Resolves with the result, or `undefined` when it failed or was superseded
   * (the failure is in `error`).
   */
  async run(...args: A): Promise<R | undefined> {
    if (this.pending) return undefined;
    const controller = new AbortController();
    this.#controller = controller;
    this.#set('pending', undefined, undefined);
    try {
      const result = await this.#call(controller.signal, ...args);
      if (this.#controller !== controller) return undefined;
      this.#set('done', result, undefined);
      return result;
    } catch (error) {
      if (this.#controller === controller && !controller.signal.aborted) this.#set('error', undefined, error);
      return undefined;
    } finally {
      if (this.#controller === controller) this.#controller = undefined;
    }
  }

  /** Back to idle (a dialog closed); a pending call is abandoned, not undone. */
  reset(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    this.#set('idle', undefined, undefined);
  }

  hostDisconnected(): void {
    this.reset();
  }

  #set(status: MutationStatus, result: R | undefined, error: unknown): void {
    this.status = status;
    this.result = result;
    this.error = error;
    this.#host.requestUpdate();
  }
}
