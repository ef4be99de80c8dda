/**
 * Turns anything a client call threw into the code the widget explains and
 * the localized sentence it shows (never the server's English `detail`).
 */
import { KabinetError } from '@kabinet/client';
import type { CommonMessages, ExplainedCode } from './messages.js';

export interface Explanation {
  code: ExplainedCode;
  message: string;
}

/**
 * The problem code of `error` when `catalog` (the shared texts merged with a
 * widget's own) explains it; else `internal_error` for a server failure, or `unknown`.
 */
export function problemCode(error: unknown, catalog: CommonMessages): ExplainedCode {
  if (error instanceof KabinetError && Object.hasOwn(catalog.problem, error.code)) return error.code as ExplainedCode;
  if (error instanceof KabinetError && error.status >= 500) return 'internal_error';
  return 'unknown';
}

/**
 * @example
 * const { code, message } = explain(error, this.#kabinet.messages); // 'otp_locked', 'Слишком много…'
 */
export function explain(error: unknown, catalog: CommonMessages): Explanation {
  const code = problemCode(error, catalog);
  const explained: Partial<Record<ExplainedCode, string>> = catalog.problem;
  return { code, message: explained[code] ?? catalog.problem.unknown };
}
