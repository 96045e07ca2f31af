const recoveryCodePattern = /^[a-z2-7]{16}$/;

/**
 * The canonical form of a recovery code as a user may type it (any case, with or without the
 * hyphens and spaces it is shown with), or null when it cannot be one.
 */
export function normalizeRecoveryCode(code: string): string | null {
  if (code.length > 64) return null;
  const canonical = code.replace(/[\s-]/g, '').toLowerCase();
  return recoveryCodePattern.test(canonical) ? canonical : null;
}
