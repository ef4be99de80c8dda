// The bank's page script. The bank's backend (which holds the secret key and
// knows who is signed in) renders the page with a Kabinet session token on
// <kb-provider>; this script keeps it alive while the page is open, and asks
// the backend for a new one when the page came without one or the session
// ended. The token lives only in memory here and in the provider's attribute.

const SESSION_URL = '/partner-bank/api/kabinet-session';
const REFRESH_URL = '/partner-bank/api/kabinet-session/refresh';
/** Refresh this long before the session's deadline. */
const REFRESH_AHEAD_MS = 60_000;
/** A failed refresh is tried again after this long (the session is still alive meanwhile). */
const RETRY_MS = 15_000;

const provider = document.getElementById('kabinet');
const widgets = document.getElementById('kabinet-widgets');
const loading = document.getElementById('kabinet-loading');
const failure = document.getElementById('kabinet-error');
const failureText = document.getElementById('kabinet-error-text');

let refreshTimer;
let refreshAt = Infinity;

/** What the page says for each error code of the bank's backend. */
const MESSAGES = {
  signed_out: 'Сессия интернет-банка закончилась: обновите страницу.',
  kabinet_unavailable: 'Оператор сейчас не отвечает. Попробуйте через минуту.',
  network: 'Нет связи с банком. Проверьте интернет и попробуйте ещё раз.',
};

class BankError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/** POSTs to the bank's backend (same origin, with its session cookie) and returns `{ token, expiresAt }`. */
async function post(url) {
  let response;
  try {
    response = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json' } });
  } catch {
    throw new BankError('network', 'The bank did not answer');
  }
  const body = await response.json().catch(() => null);
  if (response.ok && typeof body?.token === 'string' && typeof body?.expiresAt === 'string') return body;
  throw new BankError(body?.error?.code ?? `http_${response.status}`, body?.error?.message ?? `HTTP ${response.status}`);
}

function show(state, error) {
  loading.hidden = state !== 'loading';
  failure.hidden = state !== 'error';
  widgets.hidden = state !== 'ready';
  if (error) failureText.textContent = MESSAGES[error.code] ?? 'Попробуйте ещё раз чуть позже.';
}

/** Gives the provider the token; its widgets start (or, for a new token, start over) with it. */
function use({ token, expiresAt }) {
  if (provider.getAttribute('session-token') !== token) provider.setAttribute('session-token', token);
  if (!provider.hasAttribute('api-base')) provider.setAttribute('api-base', provider.dataset.apiBase);
  show('ready');
  schedule(Date.parse(expiresAt) - REFRESH_AHEAD_MS);
}

function schedule(at) {
  clearTimeout(refreshTimer);
  refreshAt = at;
  refreshTimer = setTimeout(refresh, Math.max(RETRY_MS, at - Date.now()));
}

/** A new Kabinet session for the customer: on load, after "Повторить", after the session expired. */
async function connect() {
  clearTimeout(refreshTimer);
  show('loading');
  try {
    use(await post(SESSION_URL));
  } catch (error) {
    console.warn('Банк Пример: no Kabinet session', error);
    show('error', error);
  }
}

/** 15 more minutes for the same token (the backend mints a new one if it had ended). */
async function refresh() {
  try {
    use(await post(REFRESH_URL));
  } catch (error) {
    if (error.code === 'signed_out') show('error', error);
    else schedule(Date.now() + RETRY_MS);
  }
}

document.getElementById('kabinet-retry').addEventListener('click', connect);
// 20 minutes without use end a session early: start a new one rather than leave the widgets saying so.
provider.addEventListener('kb-session-expired', connect);
// Timers sleep with a background tab or a closed laptop: catch up when the page is seen again.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && Date.now() >= refreshAt) refresh();
});

// The page came with a token: keep it alive. Without one (the API did not answer the backend), ask now.
if (provider.hasAttribute('session-token')) use({ token: provider.getAttribute('session-token'), expiresAt: provider.dataset.expiresAt });
else connect();
