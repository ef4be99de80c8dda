import type { Scope } from '@kabinet/client/contract';
import type { Hono } from 'hono';
import type { AppContext, AppEnv } from './app-env.js';
import { OPERATIONS } from './openapi.js';
import { ProblemError } from './problem.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The documented scope of a route (Hono `:param` path), if its operation names one. */
function operationScope(method: Method, path: string): Scope | undefined {
  const documented = path.replace(/:(\w+)/g, '{$1}');
  return OPERATIONS.find((operation) => operation.method === method.toLowerCase() && operation.path === documented)?.scope;
}

/** A route handler of the sandbox. */
export type RouteHandler = (c: AppContext) => Promise<Response> | Response;

/**
 * Registers routes on the app and remembers them, so that another method on
 * a known path answers 405 with `Allow` instead of a misleading 404, and so
 * tests can compare the served routes with the OpenAPI document. Each route
 * carries the scope its operation documents.
 */
export class RouteTable {
  readonly #app: Hono<AppEnv>;
  readonly #methods = new Map<string, Method[]>();

  constructor(app: Hono<AppEnv>) {
    this.#app = app;
  }

  /**
   * Serves `handler`. The scope the operation needs is read from its entry in
   * {@link OPERATIONS}, so the scope documented is the scope enforced:
   * `authenticate` refuses a session without it (403 `scope_missing`).
   */
  on(method: Method, path: string, handler: RouteHandler): void {
    const scope = operationScope(method, path);
    this.#app.on(method, path, (c) => {
      c.set('scope', scope);
      return handler(c);
    });
    this.#methods.set(path, [...(this.#methods.get(path) ?? []), method]);
  }

  /** Every served `[method, path]`, paths in Hono's `:param` form. */
  routes(): [Method, string][] {
    return [...this.#methods].flatMap(([path, methods]) => methods.map((method): [Method, string] => [method, path]));
  }

  /** Call after the last {@link on}: catches the other methods of each path. */
  closeMethods(): void {
    for (const [path, methods] of this.#methods) {
      const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
      this.#app.all(path, (c) => {
        if (c.req.method === 'OPTIONS') return c.body(null, 204, { allow });
        throw new ProblemError(405, 'method_not_allowed', `${c.req.method} is not supported here; use ${methods.join(' or ')}`, {}, { allow });
      });
    }
  }
}
