/**
 * Whether a media type is among a field's `accept` entries: exact types (`application/pdf`),
 * wildcards (`image/*`) or `*\/*`; case-insensitive. No entries accepts any type.
 */
export function matchesAccept(args: { type: string; accept: readonly string[] | undefined }): boolean {
  const { accept } = args;
  if (!accept || accept.length === 0) return true;
  const type = args.type.toLowerCase();
  const family = type.split('/')[0] ?? '';
  return accept.some((entry) => {
    const wanted = entry.trim().toLowerCase();
    if (wanted === '*/*' || wanted === type) return true;
    return wanted.endsWith('/*') && wanted.slice(0, -2) === family;
  });
}
