import type { Principal } from '../../core/access/types.ts';

/** Who uploaded a file, as stored in `atriumFiles.uploadedBy`: `kind:id`, so kinds never collide. */
export function uploaderKey(principal: Principal): string {
  return `${principal.kind}:${principal.id}`;
}
