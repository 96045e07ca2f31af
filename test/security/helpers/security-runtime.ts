import { hashPassword } from '../../../runtime/auth/password/hash-password.ts';
import { createUser } from '../../../runtime/server/identity/create-user.ts';
import type { RecordDoc } from '../../../runtime/store/types.ts';
import { demoPassword, startTestRuntime, testOrigin } from '../../helpers/start-test-runtime.ts';

/** The seeded demo runtime every security file starts once (`beforeAll`). */
export type TestRuntime = Awaited<ReturnType<typeof startTestRuntime>>;

/** What the API answers: `{ data, nextCursor }` or `{ error: { code, message, details } }`. */
export type ApiBody = {
  data?: unknown;
  nextCursor?: string | null;
  error?: { code: string; message: string; details?: unknown };
};

/** A bound "everything" scope for oracle reads: the store is read directly, not through access. */
export const everything = { kind: 'true' } as const;

export { demoPassword, startTestRuntime, testOrigin };

/** Starts the seeded runtime (the real app over in-memory SQLite with the demo org). */
export function startSecurityRuntime(): Promise<TestRuntime> {
  return startTestRuntime();
}

/** The parsed JSON body of an API answer. */
export async function readBody(response: Response): Promise<ApiBody> {
  return (await response.json()) as ApiBody;
}

/** The records of a list answer. */
export async function readRecords(response: Response): Promise<Array<Record<string, unknown>>> {
  const body = await readBody(response);
  if (!Array.isArray(body.data)) throw new Error(`expected a list, got ${JSON.stringify(body)}`);
  return body.data as Array<Record<string, unknown>>;
}

/** A JSON filter as a query-string value. */
export function filterParam(filter: unknown): string {
  return encodeURIComponent(JSON.stringify(filter));
}

/** ORACLE: every stored (live) record of a module, read from the store without access checks. */
export async function storedRecords(t: TestRuntime, module: string): Promise<RecordDoc[]> {
  const records: RecordDoc[] = [];
  let cursor: string | undefined;
  do {
    const page = await t.store.find({ module, where: everything, limit: 500, cursor });
    records.push(...page.records);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return records;
}

/** ORACLE: one stored record (live or not), or null. */
export async function storedRecord(t: TestRuntime, module: string, id: string): Promise<RecordDoc | null> {
  return (
    (await t.store.get({ module, id, where: everything })) ??
    (await t.store.get({ module, id, where: everything, deleted: 'only' }))
  );
}

/** ORACLE: the stored user with this email. */
export async function storedUser(t: TestRuntime, email: string): Promise<RecordDoc> {
  const user = (await storedRecords(t, 'atriumUsers')).find((u) => u.email === email);
  if (!user) throw new Error(`no user ${email}`);
  return user;
}

/** Every record the API lists for a session, page by page. */
export async function listAll(args: {
  t: TestRuntime;
  cookie: string;
  module: string;
  params?: Record<string, string>;
}): Promise<Array<Record<string, unknown>>> {
  const records: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: '200', ...args.params, ...(cursor ? { cursor } : {}) });
    const response = await args.t.request(`/api/records/${args.module}?${query}`, { cookie: args.cookie });
    if (response.status !== 200) throw new Error(`list ${args.module}: ${response.status}`);
    const body = await readBody(response);
    records.push(...(body.data as Array<Record<string, unknown>>));
    cursor = body.nextCursor ?? null;
  } while (cursor);
  return records;
}

/** The ids of a list of records, sorted (to compare sets). */
export function sortedIds(records: ReadonlyArray<{ id?: unknown }>): string[] {
  return records.map((r) => String(r.id)).sort();
}

/** Creates an extra active staff user (a fixture for tests that change or lock an account). */
export async function createStaffUser(args: {
  t: TestRuntime;
  email: string;
  role: string;
  password?: string;
}): Promise<RecordDoc> {
  return createUser({
    store: args.t.store,
    user: {
      audience: 'staff',
      email: args.email,
      name: args.email.split('@')[0] ?? args.email,
      role: args.role,
      passwordHash: await hashPassword(args.password ?? demoPassword),
    },
    createdBy: null,
    at: new Date(),
  });
}

/** A request as `t.request` sends it, but from a given client address (as the Node adapter reports it). */
export function requestFromAddress(args: {
  t: TestRuntime;
  address: string;
  path: string;
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
}): Promise<Response> {
  return Promise.resolve(
    args.t.app.request(
      args.path,
      {
        method: args.method ?? 'GET',
        headers: {
          origin: testOrigin,
          ...(args.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...args.headers,
        },
        ...(args.body !== undefined ? { body: JSON.stringify(args.body) } : {}),
      },
      { incoming: { socket: { remoteAddress: args.address } } },
    ),
  );
}

/** The `name=value` part of the session cookie a response sets, or undefined. */
export function sessionCookieOf(response: Response): string | undefined {
  return response.headers.get('set-cookie')?.split(';')[0];
}
