import type { RecordDoc } from '../../../store/types.ts';

/** The (normalised) login of a stored user: its `loginKey` without the `<audience>|` prefix. */
export function portalUserLogin(user: RecordDoc): string {
  const key = String(user.loginKey ?? '');
  const separator = key.indexOf('|');
  return separator < 0 ? '' : key.slice(separator + 1);
}
