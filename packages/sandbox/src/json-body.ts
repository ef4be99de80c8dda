import type { Context } from 'hono';
import * as v from 'valibot';
import { ProblemError, validationProblem } from './problem.js';
import { fieldErrors } from './validation.js';

/** Largest request body the API reads. */
export const MAX_BODY_BYTES = 64 * 1024;

function isJson(contentType: string | undefined): boolean {
  const media = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return media === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(media);
}

function tooLarge(): ProblemError {
  return new ProblemError(413, 'payload_too_large', `The body must not exceed ${MAX_BODY_BYTES} bytes`);
}

/** Reads the body, stopping as soon as it passes the limit (Content-Length can lie or be absent). */
async function readCapped(request: Request): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * The request's JSON body, validated by `schema`. Refuses with the problem a
 * client can act on: 415 for another media type, 413 past 64 KB, 400 for
 * malformed JSON, 422 with JSON pointers for invalid fields.
 */
export async function readJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  if (!isJson(c.req.header('content-type'))) {
    throw new ProblemError(415, 'unsupported_media_type', 'Send the body as application/json');
  }
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const bytes = await readCapped(c.req.raw);
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new ProblemError(400, 'malformed_json', 'The body could not be parsed as JSON');
  }
  const result = v.safeParse(schema, data);
  if (!result.success) throw validationProblem(fieldErrors(result.issues));
  return result.output;
}
