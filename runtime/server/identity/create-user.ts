import type { SessionAudience } from '../../auth/session/types.ts';
import type { RecordDoc, Store } from '../../store/types.ts';
import { newRecordId } from '../records/new-record-id.ts';
import { loginKey } from './login-key.ts';

/** What describes a new user; portal users also name their identity record and account. */
export type NewUser = {
  audience: SessionAudience;
  email: string;
  name: string;
  passwordHash?: string;
  role?: string;
  isAdministrator?: boolean;
  recordId?: string;
  accountId?: string;
  seesWholeAccount?: boolean;
  permissionGroup?: string;
};

/** Stores a new active user; a login already taken in the audience is a `UNIQUE_VIOLATION`. */
export async function createUser(args: {
  store: Store;
  user: NewUser;
  createdBy: string | null;
  at: Date;
}): Promise<RecordDoc> {
  const { user } = args;
  const at = args.at.toISOString();
  const doc: RecordDoc = {
    id: newRecordId(),
    version: 1,
    owner: null,
    createdAt: at,
    createdBy: args.createdBy,
    updatedAt: at,
    updatedBy: args.createdBy,
    deletedAt: null,
    loginKey: loginKey({ audience: user.audience, login: user.email }),
    audience: user.audience,
    email: user.email.trim(),
    name: user.name,
    active: true,
    mfaEnabled: false,
    mfaRequired: false,
    ...(user.passwordHash ? { passwordHash: user.passwordHash, passwordChangedAt: at } : {}),
    ...(user.role ? { role: user.role } : {}),
    ...(user.isAdministrator ? { isAdministrator: true } : {}),
    ...(user.recordId ? { recordId: user.recordId } : {}),
    ...(user.accountId ? { accountId: user.accountId } : {}),
    ...(user.seesWholeAccount ? { seesWholeAccount: true } : {}),
    ...(user.permissionGroup ? { permissionGroup: user.permissionGroup } : {}),
  };
  return args.store.insert({ module: 'atriumUsers', doc });
}
