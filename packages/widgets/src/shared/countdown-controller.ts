/**
 * Counts down to a moment (a resend timer, a rate limit's retry time) and
 * re-renders the host once a second while it runs.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class CountdownController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #deadline = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #onDone: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, onDone?: () => void) {
    this.#host = host;
    this.#onDone = onDone;
    host.addController(this);
  }

  /** Whole seconds left; 0 when done. */
  get remaining(): number {
    return Math.max(0, Math.ceil((this.#deadline - Date.now()) / 1000));
  }
  get running(): boolean {
    return this.remaining > 0;
  }

  /** Starts (or restarts) counting `seconds` from now. */
  start(seconds: number): void {
    this.#deadline = Date.now() + Math.max(0, seconds) * 1000;
    this.#tick();
  }
  stop(): void {
    this.#deadline = 0;
    this.#clear();
    this.#host.requestUpdate();
  }

  hostConnected(): void {
    if (this.running) this.#tick();
  }
  hostDisconnected(): void {
    this.#clear();
  }

  #tick(): void {
    this.#clear();
    this.#host.requestUpdate();
    if (!this.running) return;
    this.#timer = setInterval(() => {
      this.#host.requestUpdate();
      if (!this.running) {
        this.#clear();
        this.#onDone?.();
      }
    }, 1000);
  }
  #clear(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

/** Duration as `m:ss` (`1:05`), for countdowns and retry times. */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
