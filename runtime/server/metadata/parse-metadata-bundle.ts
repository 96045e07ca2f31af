/**
 * The documents of a metadata bundle (`{ format: 'atrium-metadata', version: 1, documents: [...] }`),
 * or why the JSON is not one. The documents themselves are checked when they are planned or saved.
 */
export function parseMetadataBundle(
  json: unknown,
): { ok: true; documents: unknown[] } | { ok: false; message: string } {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return { ok: false, message: 'a metadata bundle must be a JSON object' };
  const { format, version, documents } = json as Record<string, unknown>;
  if (format !== 'atrium-metadata')
    return { ok: false, message: 'not an Atrium metadata bundle (format must be "atrium-metadata")' };
  if (version !== 1)
    return {
      ok: false,
      message: `bundle version ${String(version)} is not supported (this Atrium reads version 1)`,
    };
  if (!Array.isArray(documents)) return { ok: false, message: '"documents" must be an array' };
  return { ok: true, documents };
}
