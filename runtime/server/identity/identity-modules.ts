import { type CompiledModule, compileModule } from '../../core/metadata/compile-module.ts';
import type { ModuleDoc } from '../../core/metadata/types.ts';

const text = (name: string) => ({ name, type: 'text', label: name });
const flag = (name: string) => ({ name, type: 'boolean', label: name });
const integer = (name: string) => ({ name, type: 'integer', label: name });

/** System modules of the identity layer: users (staff and portal), sessions and one-time tokens. */
const identityModuleDocs: ModuleDoc[] = [
  {
    kind: 'module',
    name: 'atriumUsers',
    label: 'User',
    titleField: 'email',
    indexes: [{ fields: ['audience', 'recordId'] }, { fields: ['audience', 'accountId'] }],
    fields: [
      /** `staff` or `portal:<type>` + `|` + lower-cased login: one login per audience. */
      { ...text('loginKey'), unique: true },
      text('audience'),
      text('email'),
      text('name'),
      text('role'),
      flag('isAdministrator'),
      flag('active'),
      text('passwordHash'),
      text('passwordChangedAt'),
      flag('mfaEnabled'),
      flag('mfaRequired'),
      text('mfaSecret'),
      text('mfaPendingSecret'),
      integer('mfaLastStep'),
      { name: 'recoveryCodes', type: 'json', label: 'recoveryCodes' },
      text('recordId'),
      text('accountId'),
      { name: 'accountIds', type: 'json', label: 'accountIds' },
      flag('seesWholeAccount'),
      text('supportStart'),
      text('supportEnd'),
      text('permissionGroup'),
      { name: 'componentOverrides', type: 'json', label: 'componentOverrides' },
    ],
  },
  {
    kind: 'module',
    name: 'atriumSessions',
    label: 'Session',
    titleField: 'userId',
    indexes: [{ fields: ['userId', 'audience'] }],
    fields: [
      text('userId'),
      text('audience'),
      flag('isMfaPending'),
      integer('idleExpiresAt'),
      integer('absoluteExpiresAt'),
      integer('startedAt'),
    ],
  },
  {
    kind: 'module',
    name: 'atriumTokens',
    label: 'One-time token',
    titleField: 'purpose',
    indexes: [{ fields: ['purpose', 'subject'] }],
    fields: [
      text('purpose'),
      text('subject'),
      { name: 'data', type: 'json', label: 'data' },
      integer('issuedAt'),
      integer('expiresAt'),
    ],
  },
];

/** The compiled identity modules, by name. */
export const identityModules: ReadonlyMap<string, CompiledModule> = new Map(
  identityModuleDocs.map((doc) => [doc.name, compileModule(doc)]),
);
