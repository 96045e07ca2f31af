import type { CompiledApp, CompiledPortalType } from '../../../core/metadata/compile-app.ts';
import type { RecordDoc, Store } from '../../../store/types.ts';
import { badRequest, notFound } from '../../records/record-errors.ts';

/** What a portal user takes from its identity record. */
export type IdentityRecord = {
  record: RecordDoc;
  /** The value of the portal type's `loginField` (default `email`), when the record has one. */
  login: string | undefined;
  /** Where mail goes: the login field when it is an email field, else the record's `email`. */
  email: string | undefined;
  name: string;
  /** The record's `accountPath` relation, when the portal type has one and it is set. */
  accountId: string | undefined;
};

const text = (value: unknown) =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * Reads the live identity record `recordId` of the portal type's `principalModule` straight from the
 * store (staff with managePortals may enable any record) and what the portal user takes from it.
 * A missing or deleted record is a 404.
 */
export async function readIdentityRecord(args: {
  store: Store;
  app: CompiledApp;
  portalType: CompiledPortalType;
  recordId: unknown;
}): Promise<IdentityRecord> {
  const { app, portalType } = args;
  const module = app.modules.get(portalType.principalModule);
  if (!module)
    throw notFound(`The ${portalType.name} portal's module ${portalType.principalModule} is missing`);
  if (typeof args.recordId !== 'string' || args.recordId === '')
    throw badRequest('recordId must name a record', { field: 'recordId' });
  const record = await args.store.get({ module: module.name, id: args.recordId, where: { kind: 'true' } });
  if (!record) throw notFound(`No such ${module.label} record`);
  const loginField = portalType.loginField ?? 'email';
  const login = text(record[loginField]);
  const emailField = module.fields.get(loginField)?.type === 'email' ? loginField : 'email';
  const email = module.fields.get(emailField)?.type === 'email' ? text(record[emailField]) : undefined;
  const fullName = [text(record.firstName), text(record.lastName)].filter(Boolean).join(' ');
  const accountId = portalType.accountPath ? text(record[portalType.accountPath]) : undefined;
  return {
    record,
    login,
    email,
    name: fullName || text(record[module.titleField]) || login || record.id,
    accountId,
  };
}
