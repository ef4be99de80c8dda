/**
 * The examples host: a partner-like origin (http://127.0.0.1:8080) apart from
 * the sandbox API, serving each example under its own path with a strict
 * Content-Security-Policy, as a real operator or partner page would, and the
 * partner bank's backend under /partner-bank/ (examples/partner-bank/backend.ts).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
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

/**
 * The URL prefixes served from disk, each from its own folder: nothing else of
 * the repository (sources, the sandbox's data, .git) is reachable. A bundler
 * app is served from its build output, whose index.html names the built files.
 */
const FOLDERS: Record<string, string> = {
  '/internal-page/': 'examples/internal-page',
  '/react-app/': 'examples/react-app/dist',
  '/dist/cdn/': 'dist/cdn',
};

/** Maps a URL path to a file under its prefix's folder, or null for anything else (a malformed escape, `..`, another folder). */
function resolvePath(root: string, pathname: string): string | null {
  const route = ROUTES[pathname];
  if (route) return join(root, route);
  // /partner-bank/ is the bank's backend's (it serves its page itself, never its own source).
  const prefix = Object.keys(FOLDERS).find((candidate) => pathname.startsWith(candidate));
  if (!prefix) return null;
  let rest: string;
  try {
    rest = decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return null;
  }
  // Decoded, `%2F..%2F` is a parent step like any other: no file here has one in its path.
  if (rest.split('/').includes('..') || rest.includes('\\') || rest.includes('\0')) return null;
  // resolve(): no trailing separator, so the containment check below holds for the folder itself too.
  const base = resolve(root, FOLDERS[prefix]!);
  const file = normalize(join(base, rest));
  if (file !== base && !file.startsWith(base + sep)) return null;
  return rest === '' || rest.endsWith('/') ? join(file, 'index.html') : file;
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
  const serve = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
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
  };
  // One bad request must not take the pages down with it.
  const server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => {
      console.error('examples host:', error);
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end('Internal error');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}
