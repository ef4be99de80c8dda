import { ChallengeAnswerSchema } from '@kabinet/client/contract';
import type { AppContext } from '../app-env.js';
import { sandboxNow } from '../clock.js';
import { readJson } from '../json-body.js';
import { ProblemError } from '../problem.js';
import type { RouteTable } from '../route-table.js';
import { fail, succeed, topUpBody } from '../top-up.js';

// Test mode: the bank's 3-D Secure page, where the payer approves or declines.
// The page runs under a strict CSP of its own; its script is a separate route.

const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

async function challengePage(c: AppContext): Promise<Response> {
  const id = c.req.param('id') ?? '';
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>3-D Secure (sandbox)</title>
<link rel="stylesheet" href="/sandbox/3ds.css">
</head>
<body>
<main data-top-up="${escapeHtml(id)}">
<h1>Confirm the payment</h1>
<p>Sandbox bank: no code is needed. Approve or decline this payment.</p>
<p><button type="button" id="approve">Approve</button> <button type="button" id="decline">Decline</button></p>
<p id="result" role="status"></p>
</main>
<script type="module" src="/sandbox/3ds.js"></script>
</body>
</html>`;
  return c.body(html, 200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PAGE_CSP, 'cache-control': 'no-store' });
}

const PAGE_SCRIPT = `const main = document.querySelector('main');
const id = main.dataset.topUp;
const result = document.getElementById('result');
async function answer(outcome) {
  for (const button of document.querySelectorAll('button')) button.disabled = true;
  const response = await fetch('/sandbox/3ds/' + encodeURIComponent(id), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outcome }),
  });
  const topUp = await response.json();
  result.textContent = response.ok ? (topUp.status === 'succeeded' ? 'Approved' : 'Declined') : 'Error';
  // Only the id and status travel: the opener checks our origin and reads the top-up from the API.
  const message = { type: 'kabinet:3ds', id, status: topUp.status };
  (window.opener ?? window.parent).postMessage(message, '*');
}
document.getElementById('approve').addEventListener('click', () => answer('approve'));
document.getElementById('decline').addEventListener('click', () => answer('decline'));
`;

const PAGE_STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:16px;color:#1a1a1a;background:#fff}
h1{font-size:1.25rem;margin:0 0 8px}button{min-height:44px;min-width:120px;font:inherit;border-radius:8px;border:1px solid #888;background:#f4f4f4;cursor:pointer}
#approve{background:#0a6b3d;color:#fff;border-color:#0a6b3d}`;

async function challengeScript(c: AppContext): Promise<Response> {
  return c.body(PAGE_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
}

async function challengeStyle(c: AppContext): Promise<Response> {
  return c.body(PAGE_STYLE, 200, { 'content-type': 'text/css; charset=utf-8' });
}

/** The payer's answer: approve credits the number, decline fails the top-up. Answering twice returns the settled top-up. */
async function answerChallenge(c: AppContext): Promise<Response> {
  const { store, clock, log } = c.get('deps');
  const id = c.req.param('id') ?? '';
  const body = await readJson(c, ChallengeAnswerSchema);
  const row = await store.transaction(async (tx) => {
    const [found] = await tx.select('top_ups', { id }, { forUpdate: true });
    if (!found) throw new ProblemError(404, 'not_found', 'No such top-up');
    if (found.status !== 'requires_action') return found;
    const now = await sandboxNow(tx, clock);
    await tx.select('numbers', { msisdn: found.msisdn }, { forUpdate: true });
    return body.outcome === 'approve' ? succeed(tx, found, now, log) : fail(tx, found, 'authentication_failed', now, log);
  });
  return c.json(topUpBody(row));
}

/** `GET /sandbox/3ds/{id}` (the page), its script and style, `POST /sandbox/3ds/{id}` (the answer). */
export function threeDSecureRoutes(routes: RouteTable): void {
  routes.on('GET', '/sandbox/3ds.js', challengeScript);
  routes.on('GET', '/sandbox/3ds.css', challengeStyle);
  routes.on('GET', '/sandbox/3ds/:id', challengePage);
  routes.on('POST', '/sandbox/3ds/:id', answerChallenge);
}
