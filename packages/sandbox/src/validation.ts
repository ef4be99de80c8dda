import type { FieldError } from '@kabinet/client/contract';
import type * as v from 'valibot';

function escapePointerToken(key: unknown): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** RFC 6901 JSON pointer to where the issue is: `/phone`, `/amount/currency`. */
export function issuePointer(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((item) => `/${escapePointerToken(item.key)}`).join('');
}

/** A stable, machine-readable code for what is wrong with the field. */
function issueCode(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'unknown_field';
  if (issue.received === 'undefined' && issue.path && issue.path.length > 0) return 'required';
  if (issue.kind === 'schema') return 'invalid_type';
  return issue.type; // an action: max_length, regex, integer…
}

/** Valibot issues as the `errors[]` of a `validation_failed` problem. */
export function fieldErrors(issues: readonly v.BaseIssue<unknown>[]): FieldError[] {
  return issues.map((issue) => {
    const code = issueCode(issue);
    const detail =
      code === 'unknown_field' ? 'Unknown field' : code === 'required' ? 'This field is required' : issue.message;
    return { pointer: issuePointer(issue), code, detail };
  });
}
