/**
 * `createClient`: the typed SDK over the Kabinet API that widgets and host
 * pages talk to. One HTTP instance, one session, one store per client.
 */
import { createAuth, type KabinetAuth } from './auth.js';
import { createHttp } from './http.js';
import { createLinks, type KabinetLinks } from './links.js';
import type { Locale } from './money.js';
import { msisdnPath, type Msisdn } from './phone.js';
import { BalanceSchema, MeSchema, type Balance, type Me } from './schemas.js';
import { SessionKeeper, type AuthMode, type SessionState } from './session.js';
import { createStore, type KabinetStore } from './store.js';
import { createTariffs, fetchTariffs, type KabinetTariffs } from './tariffs.js';
import { createTopUps, type KabinetTopUps } from './top-ups.js';

/** How to reach and authenticate with the API. */
export interface ClientOptions {
  /** API origin (and path prefix), e.g. `'http://127.0.0.1:8787'`. */
  baseUrl: string;
  /** `otp`: sign in by SMS code; `session`: a partner-minted token; `publishable`: anonymous calls. */
  auth: AuthMode;
  /** Replaces the global `fetch`, e.g. the in-browser sandbox: `async (input, init) => app.fetch(new Request(input, init))`. */
  fetch?: typeof globalThis.fetch;
  /** Sent as `Accept-Language`. */
  locale?: Locale;
  /** Per-attempt timeout in ms (default 15000). */
  timeout?: number;
  /** Retries of safe or idempotent requests (default 2). */
  retry?: number;
  /** Called once when the server reports the session expired (before session listeners). */
  onSessionExpired?: () => void;
}

/** Per-call options. */
export interface RequestOptions {
  signal?: AbortSignal;
}

/**
 * A Kabinet API client.
 *
 * @example
 * const client = createClient({ baseUrl: 'http://127.0.0.1:8787', auth: { type: 'otp' }, locale: 'ru' });
 * const { challengeId } = await client.auth.requestCode('+7 916 123-45-67');
 * await client.auth.verifyCode(challengeId, codeFromSms);
 * const balance = await client.balance(client.session.msisdn!);
 * formatMoney(balance.balance, 'ru'); // '350,00 ₽'
 */
export interface KabinetClient {
  readonly auth: KabinetAuth;
  /** How the client was created to authenticate; `publishable` can make anonymous calls (a top-up of any number) without a session. */
  readonly authMode: AuthMode['type'];
  /** The current session; a new object on every change. */
  readonly session: SessionState;
  /** Calls `listener` on every session change; returns the unsubscribe function. */
  onSessionChange(listener: (session: SessionState) => void): () => void;
  /** The signed-in account: owner, primary and linked numbers. */
  me(options?: RequestOptions): Promise<Me>;
  /** A number's balance, tariff, package remainders and block. */
  balance(msisdn: Msisdn, options?: RequestOptions): Promise<Balance>;
  /** Adding, renaming and removing linked numbers. */
  readonly links: KabinetLinks;
  /** Shared, deduplicated, subscribable data for widgets. */
  readonly store: KabinetStore;
  /** The tariff catalog of a number and the switch to another tariff. */
  readonly tariffs: KabinetTariffs;
  /** Paying: top-ups by card, bonus points or another own number, exactly once. */
  readonly topUps: KabinetTopUps;
  /** Changes `Accept-Language` for later requests and reloads watched data in the new language. */
  setLocale(locale: Locale): void;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_RETRY = 2;

function checkOptions({ baseUrl, auth }: ClientOptions): void {
  const mode = auth as Partial<Record<'type' | 'token' | 'key', string>> | undefined;
  const ok =
    mode?.type === 'otp' || (mode?.type === 'session' && !!mode.token) || (mode?.type === 'publishable' && !!mode.key);
  if (!/^https?:\/\//.test(String(baseUrl))) throw new TypeError(`createClient: baseUrl must be an absolute http(s) URL: ${baseUrl}`);
  if (!ok) throw new TypeError("createClient: auth must be { type: 'otp' }, { type: 'session', token } or { type: 'publishable', key }");
}

/**
 * Creates a client. Options are checked now, so a typo fails at start-up
 * rather than on the first click.
 *
 * @example
 * // A partner page with a token minted by its backend:
 * const client = createClient({
 *   baseUrl: 'https://api.example.ru',
 *   auth: { type: 'session', token },
 *   onSessionExpired: () => location.reload(),
 * });
 * client.store.me().subscribe((state) => console.log(state.status));
 */
export function createClient(options: ClientOptions): KabinetClient {
  checkOptions(options);
  let locale = options.locale;

  const session = new SessionKeeper(options.auth, () => {
    store.clear();
    options.onSessionExpired?.();
  });

  const http = createHttp({
    baseUrl: options.baseUrl,
    fetch: options.fetch,
    timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
    retry: options.retry ?? DEFAULT_RETRY,
    credential: () => session.credential(),
    locale: () => locale,
    onOutcome: ({ credential, error }) => session.observe(credential, error),
  });

  async function me(call: RequestOptions = {}): Promise<Me> {
    const result = await http.request('GET', 'v1/me', MeSchema, call);
    // A partner token does not say whose it is; the account does.
    if (session.signedIn && session.state.msisdn === null) {
      // MsisdnSchema checked the pattern; the schema's output type is plain string.
      const primary = result.primary as Msisdn;
      session.learnMsisdn(primary);
      if (store.activeMsisdn === null) store.setActiveMsisdn(primary);
    }
    return result;
  }

  function balance(msisdn: Msisdn, call: RequestOptions = {}): Promise<Balance> {
    return http.request('GET', `v1/numbers/${msisdnPath(msisdn)}/balance`, BalanceSchema, call);
  }

  const store = createStore({
    me: (signal) => me({ signal }),
    balance: (msisdn, signal) => balance(msisdn, { signal }),
    tariffs: (msisdn, signal) => fetchTariffs(http, msisdn, signal),
    topUps: (signal) => topUps.recent({ signal }),
  });
  const topUps = createTopUps(http, store);

  const auth = createAuth(http, session, {
    signedIn(result) {
      store.clear();
      store.setActiveMsisdn(result.msisdn as Msisdn);
      // Widgets already watching (a login form beside a balance card) load for the new session.
      store.invalidate();
    },
    signedOut() {
      store.clear();
      store.setActiveMsisdn(null);
    },
  });

  return {
    auth,
    authMode: options.auth.type,
    get session() {
      return session.state;
    },
    onSessionChange: (listener) => session.subscribe(listener),
    me,
    balance,
    links: createLinks(http, store, () => session.state.msisdn),
    store,
    tariffs: createTariffs(http, store),
    topUps,
    setLocale(next) {
      if (next === locale) return;
      locale = next;
      // Server texts (tariff names, problem details) come in the request's language.
      store.invalidate();
    },
  };
}
