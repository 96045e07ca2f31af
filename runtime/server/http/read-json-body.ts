import type { Context } from 'hono';
import { invalidRequest, unsupportedMediaType } from './http-errors.ts';

/** The request's JSON body; only `application/json` is accepted, and malformed JSON is a 400. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw unsupportedMediaType('Send the body as application/json');
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw invalidRequest('The body is not valid JSON');
  }
}
