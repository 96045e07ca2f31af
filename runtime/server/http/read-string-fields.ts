import { badRequest } from '../records/record-errors.ts';

/**
 * The named string fields of a JSON object body, each 1 to `limits[name]` characters. Anything else —
 * not an object, a missing or non-string field, an unexpected key — is a 400.
 */
export function readStringFields<K extends string>(args: {
  body: unknown;
  limits: Readonly<Record<K, number>>;
}): Record<K, string> {
  const { body, limits } = args;
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw badRequest('Send a JSON object');
  const allowed = Object.keys(limits);
  const unexpected = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unexpected.length > 0)
    throw badRequest(`Unexpected fields: ${unexpected.join(', ')}`, { fields: unexpected });
  const values = {} as Record<K, string>;
  for (const name of allowed as K[]) {
    const value = Object.hasOwn(body, name) ? (body as Record<string, unknown>)[name] : undefined;
    if (typeof value !== 'string' || value.length === 0 || value.length > limits[name])
      throw badRequest(`${name} must be a non-empty string`);
    values[name] = value;
  }
  return values;
}
