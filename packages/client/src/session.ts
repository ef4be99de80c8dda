/**
 * Who the client is to the API right now: the credential it sends and the
 * session state widgets show. The token lives in this object's memory only,
 * never in storage a script on the host page could read later.
 */
import { AuthError, SessionExpiredError, type KabinetError } from './errors.js';
import type { Msisdn } from './phone.js';
import type { Session } from './schemas.js';

/** How a client authenticates (see DESIGN.md, "The client"). */
export type AuthMode =
  | { type: 'otp' }
  | { type: 'session'; token: string }
  | { type: 'publishable'; key: string };

/**
 * The session as widgets see it. A new object on every change, so a plain
 * `!==` tells whether anything changed.
 */
export interface SessionState {
  readonly status: 'anonymous' | 'signed-in' | 'expired';
  /** The signed-in number; `null` while unknown (a partner token before `me()`). */
  readonly msisdn: Msisdn | null;
  /** When the session ends unless used before (ISO 8601), when known. */
  readonly expiresAt: string | null;
}

/** The sandbox's and the operator's idle timeout (DOMAIN.md: 20 minutes), used until the server says otherwise. */
const DEFAULT_IDLE_TIMEOUT_S = 20 * 60;

const ANONYMOUS: SessionState = Object.freeze({ status: 'anonymous', msisdn: null, expiresAt: null });

/** Holds the token and the session state, and tells listeners about changes. */
export class SessionKeeper {
  #mode: AuthMode;
  #token: string | undefined;
  #idleTimeout = DEFAULT_IDLE_TIMEOUT_S;
  #state: SessionState;
  readonly #listeners = new Set<(session: SessionState) => void>();
  readonly #onExpired: () => void;

  constructor(mode: AuthMode, onExpired: () => void) {
    this.#mode = mode;
    this.#onExpired = onExpired;
    if (mode.type === 'session') {
      this.#token = mode.token;
      this.#state = Object.freeze({ status: 'signed-in', msisdn: null, expiresAt: null });
    } else {
      this.#state = ANONYMOUS;
    }
  }

  get state(): SessionState {
    return this.#state;
  }

  get signedIn(): boolean {
    return this.#state.status === 'signed-in';
  }

  /** The bearer credential for the next request: the session token, else the publishable key. */
  credential(): string | undefined {
    return this.#token ?? (this.#mode.type === 'publishable' ? this.#mode.key : undefined);
  }

  subscribe(listener: (session: SessionState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A code was verified: keep the token and become signed in. */
  signIn(session: Session): void {
    this.#token = session.token;
    this.#idleTimeout = session.idleTimeout;
    this.#set({ status: 'signed-in', msisdn: session.msisdn as Msisdn, expiresAt: session.expiresAt });
  }

  /** The number behind a partner token became known (from `me()`). */
  learnMsisdn(msisdn: Msisdn): void {
    if (this.signedIn && this.#state.msisdn !== msisdn) this.#set({ ...this.#state, msisdn });
  }

  signOut(): void {
    this.#token = undefined;
    this.#set(ANONYMOUS);
  }

  /**
   * Reacts to the outcome of a request sent with `credential`: an accepted
   * session token slides the expiry; a rejected one ends the session. Outcomes
   * of requests sent with an older credential are ignored, so a late answer
   * cannot end a newer session.
   */
  observe(credential: string | undefined, error: KabinetError | undefined): void {
    if (!this.signedIn || credential === undefined || credential !== this.#token) return;
    const expired = error instanceof SessionExpiredError || (error instanceof AuthError && error.code === 'unauthenticated');
    if (expired) {
      this.#token = undefined;
      // State first, so the expiry callback (which clears the store) already sees 'expired'; listeners last.
      this.#state = Object.freeze({ status: 'expired', msisdn: this.#state.msisdn, expiresAt: null });
      this.#onExpired();
      this.#notify();
    } else if (!(error instanceof AuthError)) {
      this.#set({ ...this.#state, expiresAt: new Date(Date.now() + this.#idleTimeout * 1000).toISOString() });
    }
  }

  #set(state: SessionState): void {
    this.#state = Object.freeze(state);
    this.#notify();
  }

  #notify(): void {
    for (const listener of [...this.#listeners]) listener(this.#state);
  }
}
