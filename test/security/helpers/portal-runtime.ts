import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP, generateTOTP } from '@oslojs/otp';
import type { Principal } from '../../../runtime/core/access/types.ts';
import { compileStoredPortalPrincipal } from '../../../runtime/server/portals/session/compile-stored-portal-principal.ts';
import type { RecordDoc } from '../../../runtime/store/types.ts';
import {
  type ApiBody,
  demoPassword,
  everything,
  readBody,
  sessionCookieOf,
  storedRecords,
  storedUser,
  type TestRuntime,
  testOrigin,
} from './security-runtime.ts';

/** A path of a portal type's API: `/portal/<type>/api<path>`. */
export function portalPath(portalType: string, path: string): string {
  return `/portal/${portalType}/api${path}`;
}

/** A password login on a portal type's API (the raw answer). */
export function portalLoginResponse(args: {
  t: TestRuntime;
  email: string;
  portalType?: string;
  password?: string;
}): Promise<Response> {
  return Promise.resolve(
    args.t.request(portalPath(args.portalType ?? 'client', '/auth/login'), {
      method: 'POST',
      body: { email: args.email, password: args.password ?? demoPassword },
    }),
  );
}

/** Logs a portal user in (no second factor due) and returns its session cookie (`name=value`). */
export async function portalLogin(args: {
  t: TestRuntime;
  email: string;
  portalType?: string;
  password?: string;
}): Promise<string> {
  const response = await portalLoginResponse(args);
  const text = await response.text();
  if (response.status !== 200) throw new Error(`portal login of ${args.email}: ${response.status} ${text}`);
  if ((JSON.parse(text) as ApiBody & { data: { mfaRequired: boolean } }).data.mfaRequired)
    throw new Error(`portal login of ${args.email} needs a second factor`);
  const cookie = sessionCookieOf(response);
  if (!cookie) throw new Error('no portal session cookie');
  return cookie;
}

/** The TOTP secret in an `otpauth://` URI. */
export function totpSecretOf(uri: string): Uint8Array {
  const secret = new URL(uri).searchParams.get('secret');
  if (!secret) throw new Error('no secret in the otpauth URI');
  return decodeBase32IgnorePadding(secret);
}

/**
 * Logs in a portal user of a portal type that requires MFA (the partner portal), enrols TOTP from the
 * MFA-pending session and confirms a code: answers the full session's cookie and the secret.
 */
export async function enrolPortalMfa(args: {
  t: TestRuntime;
  email: string;
  portalType: string;
  password?: string;
}): Promise<{ cookie: string; secret: Uint8Array }> {
  const { t, portalType } = args;
  const login = await portalLoginResponse(args);
  const pending = sessionCookieOf(login);
  if (login.status !== 200 || !pending) throw new Error(`login of ${args.email}: ${login.status}`);
  const enrol = await t.request(portalPath(portalType, '/auth/mfa/enrol'), {
    method: 'POST',
    cookie: pending,
  });
  if (enrol.status !== 200) throw new Error(`enrolment of ${args.email}: ${enrol.status}`);
  const secret = totpSecretOf(String((((await readBody(enrol)).data ?? {}) as { uri?: string }).uri));
  const enable = await t.request(portalPath(portalType, '/auth/mfa/enable'), {
    method: 'POST',
    cookie: pending,
    body: { code: generateTOTP(secret, 30, 6) },
  });
  const cookie = sessionCookieOf(enable);
  if (enable.status !== 200 || !cookie) throw new Error(`enabling MFA of ${args.email}: ${enable.status}`);
  return { cookie, secret };
}

/**
 * A TOTP code the user has not used yet: the step after its last one, or the oldest step the server
 * still accepts (current − 1). Valid only while that is at most current + 1: one code per user and step.
 */
export async function nextTotpCode(args: {
  t: TestRuntime;
  email: string;
  secret: Uint8Array;
}): Promise<string> {
  const last = Number((await storedUser(args.t, args.email)).mfaLastStep);
  const step = Math.max(last + 1, Math.floor(Date.now() / 30_000) - 1);
  return generateHOTP(args.secret, BigInt(step), 6);
}

/** Every record a portal session lists, page by page; each answer's text goes to `bodies` when given. */
export async function portalListAll(args: {
  t: TestRuntime;
  cookie: string;
  portalType?: string;
  module: string;
  params?: Record<string, string>;
  bodies?: string[];
}): Promise<Array<Record<string, unknown>>> {
  const records: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '200', ...args.params, ...(cursor ? { cursor } : {}) });
    const response = await args.t.request(
      portalPath(args.portalType ?? 'client', `/records/${args.module}?${query}`),
      { cookie: args.cookie },
    );
    const text = await response.text();
    args.bodies?.push(text);
    if (response.status !== 200) throw new Error(`portal list ${args.module}: ${response.status} ${text}`);
    const body = JSON.parse(text) as ApiBody;
    records.push(...(body.data as Array<Record<string, unknown>>));
    cursor = body.nextCursor ?? null;
  } while (cursor);
  return records;
}

/** The principal a portal user's request compiles to now (as the portal session middleware does). */
export async function portalPrincipal(args: {
  t: TestRuntime;
  email: string;
  portalType?: string;
}): Promise<Principal> {
  const principal = compileStoredPortalPrincipal({
    app: args.t.runtime.getApp(),
    user: await storedUser(args.t, args.email),
    portalTypeName: args.portalType ?? 'client',
    now: new Date(),
  });
  if (!principal) throw new Error(`${args.email} has no portal principal`);
  return principal;
}

/** The demo portal fixture: Acme and Globex, and the identity records of the demo portal users. */
export type DemoPortalFixture = {
  acme: string;
  globex: string;
  alice: string;
  carol: string;
  bob: string;
  pat: string;
  patAccount: string;
  lee: string;
};

/** ORACLE: reads the demo portal fixture from the store. */
export async function demoPortalFixture(t: TestRuntime): Promise<DemoPortalFixture> {
  const accounts = await storedRecords(t, 'accounts');
  const accountId = (name: string) => {
    const found = accounts.find((a) => a.name === name);
    if (!found) throw new Error(`no account ${name}`);
    return found.id;
  };
  const recordOf = async (email: string) => String((await storedUser(t, email)).recordId);
  const pat = await recordOf('pat@partner.test');
  const patContact = await t.store.get({ module: 'contacts', id: pat, where: everything });
  return {
    acme: accountId('Acme'),
    globex: accountId('Globex'),
    alice: await recordOf('alice@acme.test'),
    carol: await recordOf('carol@acme.test'),
    bob: await recordOf('bob@globex.test'),
    pat,
    patAccount: String(patContact?.account),
    lee: await recordOf('lee@lead.test'),
  };
}

/** ORACLE: sets fields of a stored user directly (as another admin or a job would). */
export async function setStoredUser(args: {
  t: TestRuntime;
  email: string;
  set: Record<string, unknown>;
}): Promise<void> {
  const user = await storedUser(args.t, args.email);
  const result = await args.t.store.update({
    module: 'atriumUsers',
    id: user.id,
    where: everything,
    set: args.set,
    updatedAt: new Date().toISOString(),
    updatedBy: null,
  });
  if (result.kind !== 'updated') throw new Error(`user ${args.email} not updated`);
}

let serial = 0;

/**
 * Creates a contact at `account` through the staff API and enables it as a portal user through the
 * admin API: with `password`, ready to log in; without, invited (the link is in the outbox).
 */
export async function createPortalUser(args: {
  t: TestRuntime;
  adminCookie: string;
  email: string;
  account: string;
  portalType?: string;
  password?: string;
}): Promise<RecordDoc> {
  const { t, adminCookie } = args;
  serial += 1;
  const contact = await t.request('/api/records/contacts', {
    method: 'POST',
    cookie: adminCookie,
    body: { firstName: 'Fixture', lastName: `Person ${serial}`, email: args.email, account: args.account },
  });
  if (contact.status !== 201) throw new Error(`contact not created: ${await contact.text()}`);
  const recordId = String(((await readBody(contact)).data as { id: string }).id);
  const enabled = await t.request('/api/admin/portal-users', {
    method: 'POST',
    cookie: adminCookie,
    body: {
      portalType: args.portalType ?? 'client',
      recordId,
      ...(args.password ? { password: args.password } : {}),
    },
  });
  if (enabled.status !== 201) throw new Error(`portal user not enabled: ${await enabled.text()}`);
  return storedUser(t, args.email);
}

/** ORACLE: the token of the newest outbox mail to `email` whose link contains `linkPart` (e.g. `/portal/client/invite`). */
export async function mailedToken(args: {
  t: TestRuntime;
  email: string;
  linkPart: string;
}): Promise<string> {
  const mails = (await storedRecords(args.t, 'atriumOutbox'))
    .filter((m) => m.to === args.email && String(m.text).includes(`${args.linkPart}?token=`))
    .sort((a, b) => String(a.createdAt).localeCompare(String(b.createdAt)));
  const text = String(mails.at(-1)?.text ?? '');
  const escaped = args.linkPart.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const token = new RegExp(`${escaped}\\?token=([A-Za-z0-9_-]+)`).exec(text)?.[1];
  if (!token) throw new Error(`no ${args.linkPart} link mailed to ${args.email}`);
  return token;
}

/** A tiny valid PDF to attach to fixture documents. */
const pdfBytes = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Uploads a file as a staff session and answers the file reference to put in a file field. */
async function uploadPdf(args: { t: TestRuntime; cookie: string; name: string }): Promise<unknown> {
  const response = await args.t.app.request('/api/files', {
    method: 'POST',
    headers: {
      origin: testOrigin,
      cookie: args.cookie,
      'x-file-name': encodeURIComponent(args.name),
      'content-type': 'application/pdf',
    },
    body: pdfBytes,
  });
  if (response.status !== 201) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  return (await readBody(response)).data;
}

/** Creates a record as a staff session through the API and answers its id. */
async function createAsStaff(args: {
  t: TestRuntime;
  cookie: string;
  module: string;
  body: Record<string, unknown>;
}): Promise<string> {
  const response = await args.t.request(`/api/records/${args.module}`, {
    method: 'POST',
    cookie: args.cookie,
    body: args.body,
  });
  if (response.status !== 201) throw new Error(`${args.module} not created: ${await response.text()}`);
  return String(((await readBody(response)).data as { id: string }).id);
}

/**
 * The demo data has no quotes or documents: adds, as the administrator through the staff API, for Acme
 * (alice's, carol's and an account-wide one) and Globex (bob's): a quote with two lines each, and
 * documents — one per contact, one account-wide, one internal, one linked only through carol's case.
 */
export async function seedPortalRecords(args: {
  t: TestRuntime;
  adminCookie: string;
  f: DemoPortalFixture;
}): Promise<void> {
  const { t, adminCookie: cookie, f } = args;
  const quotes: Array<[string, string | undefined, number]> = [
    [f.acme, f.alice, 1200],
    [f.acme, f.carol, 800],
    [f.acme, undefined, 450],
    [f.globex, f.bob, 9900],
  ];
  for (const [i, [account, contact, total]] of quotes.entries()) {
    const quote = await createAsStaff({
      t,
      cookie,
      module: 'quotes',
      body: {
        name: `Fixture quote ${i}`,
        status: 'presented',
        account,
        total,
        ...(contact ? { contact } : {}),
      },
    });
    for (const position of [1, 2])
      await createAsStaff({
        t,
        cookie,
        module: 'quoteLines',
        body: { quote, position, description: `Line ${position}`, quantity: 1, unitPrice: total / 2 },
      });
  }
  const carolCase = (await storedRecords(t, 'cases')).find((c) => c.contact === f.carol);
  const documents: Array<Record<string, unknown>> = [
    { account: f.acme, contact: f.alice },
    { account: f.acme, contact: f.carol },
    { account: f.acme },
    { account: f.acme, contact: f.alice, isInternal: true },
    { case: carolCase?.id },
    { account: f.globex, contact: f.bob },
    { account: f.globex },
  ];
  for (const [i, links] of documents.entries()) {
    const file = await uploadPdf({ t, cookie, name: `fixture-${i}.pdf` });
    await createAsStaff({
      t,
      cookie,
      module: 'documents',
      body: { title: `Fixture document ${i}`, category: 'contract', file, ...links },
    });
  }
}
