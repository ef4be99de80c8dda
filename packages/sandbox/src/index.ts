/**
 * @kabinet/sandbox: the reference Kabinet API. Browser-safe: no Node imports
 * here (see `@kabinet/sandbox/node` for the server, PGlite and PostgreSQL).
 *
 * @example
 * import { createApp, MemoryStore, seedIfEmpty, systemClock } from '@kabinet/sandbox';
 * const store = new MemoryStore();
 * await seedIfEmpty(store, systemClock);
 * const app = createApp({ store });
 */
export { createApp, DEFAULT_ALLOWED_ORIGINS, type AppOptions, type SandboxApp } from './app.js';
export { systemClock, type Clock } from './clock.js';
export { consoleLogger, quietLogger, type Logger } from './logger.js';
export { ProblemError, problemResponse, PROBLEM_BASE } from './problem.js';
export { COMPONENT_SCHEMAS, OPERATIONS, componentSchemas, openApiDocument, type Operation } from './openapi.js';
export { DEMO, DEMO_ORIGINS, seed, seedIfEmpty } from './seed.js';
export { OTP_RULES } from './otp.js';
export { IDLE_TIMEOUT_MS } from './session.js';
export { MemoryStore } from './store/memory-store.js';
export { SqlStore } from './store/sql-store.js';
export { MIGRATIONS, migrate, type Migration } from './store/migrations.js';
export type { SqlDriver, SqlQueryable, SqlResult } from './store/sql-driver.js';
export * from './store/store.js';
