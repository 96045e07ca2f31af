import type { ConversionOptions } from './conversion-types.ts';
import { invalidConversion } from './conversion-errors.ts';

const allowedKeys = new Set(['targets', 'overrides', 'link', 'portalType']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseTargets(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((key): key is string => typeof key === 'string')) {
    throw invalidConversion('targets must be a list of target keys');
  }
  return value;
}

function parseOverrides(value: unknown): Record<string, Record<string, unknown>> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw invalidConversion('overrides must map target keys to field values');
  const result: Record<string, Record<string, unknown>> = {};
  for (const [key, fields] of Object.entries(value)) {
    if (!isPlainObject(fields)) throw invalidConversion(`overrides.${key} must be an object of field values`);
    result[key] = { ...fields };
  }
  return result;
}

function parseLink(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw invalidConversion('link must map target keys to record ids');
  const result: Record<string, string> = {};
  for (const [key, id] of Object.entries(value)) {
    if (typeof id !== 'string' || id === '' || id.length > 200) {
      throw invalidConversion(`link.${key} must be a record id`);
    }
    result[key] = id;
  }
  return result;
}

/**
 * Reads conversion options from a request body (`{ targets?, overrides?, link?, portalType? }`);
 * anything else, or a wrong shape, is `INVALID_CONVERSION` (400). An absent body means no options.
 */
export function parseConversionOptions(body: unknown): ConversionOptions {
  if (body === undefined || body === null) return {};
  if (!isPlainObject(body)) throw invalidConversion('Send a JSON object');
  const unknownKeys = Object.keys(body).filter((key) => !allowedKeys.has(key));
  if (unknownKeys.length > 0) {
    throw invalidConversion(`Unknown conversion options: ${unknownKeys.join(', ')}`, { fields: unknownKeys });
  }
  const { portalType } = body;
  if (portalType !== undefined && (typeof portalType !== 'string' || portalType === '')) {
    throw invalidConversion('portalType must be the name of a portal type');
  }
  const targets = parseTargets(body.targets);
  const overrides = parseOverrides(body.overrides);
  const link = parseLink(body.link);
  return {
    ...(targets ? { targets } : {}),
    ...(overrides ? { overrides } : {}),
    ...(link ? { link } : {}),
    ...(portalType !== undefined ? { portalType } : {}),
  };
}
