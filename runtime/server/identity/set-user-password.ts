import { checkPasswordPolicy } from '../../auth/password/check-password-policy.ts';
import { hashPassword } from '../../auth/password/hash-password.ts';
import { createError } from '../../core/errors.ts';
import type { RecordDoc, Store } from '../../store/types.ts';

export const weakPassword = createError({ code: 'WEAK_PASSWORD', status: 400 });

/** Checks the password policy, then stores the Argon2id hash. Callers revoke sessions afterwards. */
export async function setUserPassword(args: {
  store: Store;
  user: RecordDoc;
  password: unknown;
  at: Date;
}): Promise<void> {
  const { user } = args;
  if (typeof args.password !== 'string') throw weakPassword('password must be a string');
  const problems = checkPasswordPolicy({
    password: args.password,
    context: { email: String(user.email ?? '') },
  });
  if (problems.length > 0)
    throw weakPassword(problems.map((p) => p.message).join(' '), { problems: problems.map((p) => p.code) });
  const passwordHash = await hashPassword(args.password);
  const at = args.at.toISOString();
  await args.store.update({
    module: 'atriumUsers',
    id: user.id,
    where: { kind: 'true' },
    set: { passwordHash, passwordChangedAt: at },
    updatedAt: at,
    updatedBy: user.id,
  });
}
