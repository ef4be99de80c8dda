import type { Health } from '@kabinet/client/contract';
import type { AppContext } from '../app-env.js';
import { sandboxNow } from '../clock.js';
import { openApiDocument } from '../openapi.js';
import type { RouteTable } from '../route-table.js';

async function health(c: AppContext): Promise<Response> {
  const { store, clock } = c.get('deps');
  const now = await store.transaction((tx) => sandboxNow(tx, clock));
  const body: Health = { status: 'ok', store: store.kind, now: now.toISOString() };
  return c.json(body);
}

function openapi(c: AppContext): Response {
  return c.json(openApiDocument({ serverUrl: new URL(c.req.url).origin }));
}

/** `GET /healthz`, `GET /openapi.json`. */
export function metaRoutes(routes: RouteTable): void {
  routes.on('GET', '/healthz', health);
  routes.on('GET', '/openapi.json', openapi);
}
