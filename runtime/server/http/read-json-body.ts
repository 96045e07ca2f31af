import { badRequest } from '../records/record-errors.ts';
import type { Context } from 'hono';
import { forbiddenKeys } from '../../core/access/forbidden-keys.ts';
import { unsupportedMediaType } from './http-errors.ts';

const maxDepth = 32;

/** The first problem of a parsed body: nesting deeper than `maxDepth`, or a prototype key anywhere. */
function bodyProblem(value: unknown, depth: number): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (depth > maxDepth) return `The body is nested deeper than ${maxDepth} levels`;
  for (const [key, inner] of Object.entries(value)) {
    if (forbiddenKeys.has(key)) return `The key "${key}" is not allowed`;
    const problem = bodyProblem(inner, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * The request's JSON body; only `application/json` is accepted. Malformed JSON, nesting deeper than
 * 32 levels and `__proto__` / `constructor` / `prototype` keys anywhere are a 400.
 */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw unsupportedMediaType('Send the body as application/json');
  const text = await c.req.text();
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw badRequest('The body is not valid JSON');
  }
  const problem = bodyProblem(body, 0);
  if (problem) throw badRequest(problem);
  return body;
}
