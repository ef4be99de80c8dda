/**
 * Binds a host to one store Resource: subscribes while connected (the first
 * subscriber triggers the load, others share the request), re-renders on
 * every state change, and swaps cleanly when the host needs another resource
 * (another number, another client).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Resource, ResourceState } from '@kabinet/client';

export class ResourceController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #resource: Resource<T> | undefined;
  #unsubscribe: (() => void) | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** The bound resource's current state, or `undefined` when none is bound. */
  get state(): ResourceState<T> | undefined {
    return this.#resource?.state;
  }
  get resource(): Resource<T> | undefined {
    return this.#resource;
  }

  /**
   * Binds `resource` (or nothing). Call it from `willUpdate`; binding the same
   * resource again is free.
   */
  bind(resource: Resource<T> | undefined): void {
    if (resource === this.#resource) return;
    this.#stop();
    this.#resource = resource;
    if (this.#connected) this.#start();
  }

  /** Loads unless fresh (after the store was cleared, watchers see `idle` and must ask). */
  load(): void {
    void this.#resource?.load().catch(() => {
      /* the failure is in the state, and rendered from there */
    });
  }

  /** Loads again, even if fresh; the last data stays visible meanwhile. */
  refresh(): void {
    void this.#resource?.refresh().catch(() => {
      /* the failure is in the state, and rendered from there */
    });
  }

  hostConnected(): void {
    this.#connected = true;
    this.#start();
  }
  hostDisconnected(): void {
    this.#connected = false;
    this.#stop();
  }

  #start(): void {
    if (!this.#resource || this.#unsubscribe) return;
    this.#unsubscribe = this.#resource.subscribe(() => this.#host.requestUpdate());
    this.#host.requestUpdate();
  }
  #stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
