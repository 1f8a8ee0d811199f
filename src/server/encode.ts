// A JSON answer as the bytes sent and their ETag, encoded with the route's response schema. A reader
// thread (SQLite) encodes its own answer and moves the bytes to the request thread, which then only
// sends them: no copy of the answer's object graph between threads, and the request thread (which
// serves every connection) does none of the validating, stringifying and hashing.
import { hash } from 'node:crypto';
import { z } from 'zod';

export interface Encoded {
  readonly body: Uint8Array;
  readonly etag: string;
}

export function encodeJson<S extends z.ZodType>(schema: S, value: z.output<S>): Encoded {
  const body = Buffer.from(JSON.stringify(z.encode(schema, value)));
  return { body, etag: `"${hash('sha1', body, 'base64url')}"` };
}

/** bytes that came from another thread as a plain Uint8Array, as the Buffer a reply sends */
export const asBuffer = (b: Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength));
