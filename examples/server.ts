/**
 * The examples host: a partner-like origin (http://127.0.0.1:8080) apart from
 * the sandbox API, serving each example under its own path with a strict
 * Content-Security-Policy, as a real operator or partner page would, and the
 * partner bank's backend under /partner-bank/ (examples/partner-bank/backend.ts).
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { createPartnerBank } from './partner-bank/backend.js';

/** Content types of the files the example hosts serve. */
export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

export interface ExamplesServerOptions {
  /** Folder served at `/`: the repository root holds examples/ and dist/. */
  root: string;
  /** Origin of the sandbox API, allowed by the pages' `connect-src`. */
  apiOrigin: string;
  port: number;
  host: string;
  /** The partner bank's backend (examples/partner-bank/backend.ts); its secret key defaults to `KABINET_SECRET_KEY`, else `sk_test_demo`. */
  partnerBank?: { secretKey?: string };
}

/**
 * The Trusted Types policy a page's Kabinet creates: an app bundling
 * @kabinet/widgets from npm shares Lit's own `lit-html`; the script tag
 * (dist/cdn/) brings its own Lit, whose policy it names `kabinet`.
 */
export type TrustedTypesPolicy = 'lit-html' | 'kabinet';

/** The policy every example page is served with: no inline code, Trusted Types on, only `policy` allowed. */
export function contentSecurityPolicy(apiOrigin: string, policy: TrustedTypesPolicy): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${apiOrigin}`,
    `frame-src ${apiOrigin}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "require-trusted-types-for 'script'",
    `trusted-types ${policy}`,
  ].join('; ');
}

const ROUTES: Record<string, string> = {
  '/': 'examples/index.html',
};

/** Examples served from their build output rather than their sources (a bundler app's index.html names the built files). */
const BUILT: Record<string, string> = {
  '/react-app/': 'examples/react-app/dist',
};

/** Maps a URL path to a file under the root, or null outside what may be served. */
function resolvePath(root: string, pathname: string): string | null {
  const route = ROUTES[pathname];
  if (route) return join(root, route);
  // /partner-bank/ is the bank's backend's (it serves its page itself, never its own source).
  const allowed = ['/internal-page/', '/react-app/', '/dist/cdn/'];
  if (!allowed.some((prefix) => pathname.startsWith(prefix))) return null;
  const built = Object.keys(BUILT).find((prefix) => pathname.startsWith(prefix));
  // resolve(): no trailing separator, so the containment check below holds for the root too.
  const base = built ? resolve(root, BUILT[built]!) : pathname.startsWith('/dist/') ? resolve(root) : join(root, 'examples');
  if (built) pathname = pathname.slice(built.length - 1);
  const file = normalize(join(base, decodeURIComponent(pathname)));
  if (!file.startsWith(base + sep)) return null;
  return pathname.endsWith('/') ? join(file, 'index.html') : file;
}

/** Starts the examples host; resolves once it listens. */
export function startExamplesServer(options: ExamplesServerOptions): Promise<Server> {
  const headers = (policy: TrustedTypesPolicy) => ({
    'Content-Security-Policy': contentSecurityPolicy(options.apiOrigin, policy),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Cache-Control': 'no-cache',
  });
  // The bank's page loads the script tag; the other examples bundle the npm packages.
  const partnerBank = createPartnerBank({ root: options.root, apiOrigin: options.apiOrigin, headers: headers('kabinet'), ...options.partnerBank });
  const appHeaders = headers('lit-html');
  const server = createServer(async (request, response) => {
    if (await partnerBank.handle(request, response)) return;
    const url = new URL(request.url ?? '/', 'http://localhost');
    const file = resolvePath(options.root, url.pathname);
    const info = file ? await stat(file).catch(() => null) : null;
    if (!file || !info?.isFile()) {
      if (file && info?.isDirectory()) {
        response.writeHead(301, { Location: `${url.pathname}/` }).end();
        return;
      }
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    const body = await readFile(file);
    response.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', ...appHeaders });
    response.end(body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}
