import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPassword, startTestRuntime, testOrigin } from '../helpers/start-test-runtime.ts';

type FileRef = { fileId: string; name: string; size: number; type: string };

let t: Awaited<ReturnType<typeof startTestRuntime>>;
let alice: string;
let bob: string;
let rep1: string;

const portal = (path: string) => `/portal/client/api${path}`;
const pdf = (size = 64) => {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode('%PDF-1.4\n'));
  return bytes;
};

async function portalLogin(email: string): Promise<string> {
  const response = await t.request(portal('/auth/login'), {
    method: 'POST',
    body: { email, password: demoPassword },
  });
  expect(response.status).toBe(200);
  return response.headers.get('set-cookie')?.split(';')[0] ?? '';
}

function upload(args: { path: string; cookie?: string; bytes: Uint8Array<ArrayBuffer>; name: string }) {
  return t.app.request(args.path, {
    method: 'POST',
    headers: {
      origin: testOrigin,
      'content-type': 'application/pdf',
      'x-file-name': encodeURIComponent(args.name),
      ...(args.cookie ? { cookie: args.cookie } : {}),
    },
    body: args.bytes,
  });
}

async function uploaded(args: Parameters<typeof upload>[0]): Promise<FileRef> {
  const response = await upload(args);
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: FileRef }).data;
}

const createDocument = (cookie: string, file: unknown) =>
  t.request(portal('/records/documents'), { method: 'POST', cookie, body: { title: 'Signed form', file } });

async function refusedFields(response: Response): Promise<string[]> {
  const body = (await response.json()) as { error?: { details?: { fields?: Array<{ field: string }> } } };
  return (body.error?.details?.fields ?? []).map((entry) => entry.field);
}

beforeAll(async () => {
  t = await startTestRuntime();
  alice = await portalLogin('alice@acme.test');
  bob = await portalLogin('bob@globex.test');
  rep1 = await t.login('rep1@atrium.test');
}, 60_000);
afterAll(async () => {
  await t.store.close();
});

describe('portal file uploads', () => {
  it('lets a client upload a file, attach it to a new document and download it again', async () => {
    const bytes = pdf(300);
    const file = await uploaded({ path: portal('/files'), cookie: alice, bytes, name: 'signed form.pdf' });
    expect(file).toMatchObject({ name: 'signed form.pdf', size: 300, type: 'application/pdf' });
    const created = await createDocument(alice, file);
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { data: { id: string } }).data.id;

    const download = await t.request(portal(`/records/documents/${id}/files/file`), { cookie: alice });
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(bytes);

    const elsewhere = await t.request(portal(`/records/documents/${id}/files/file`), { cookie: bob });
    expect(elsewhere.status).toBe(404);
  });

  it('takes uploads larger than the JSON body limit, up to the upload limit', async () => {
    const file = await uploaded({
      path: portal('/files'),
      cookie: alice,
      bytes: pdf(6 * 1024 * 1024),
      name: 'scan.pdf',
    });
    expect(file.size).toBe(6 * 1024 * 1024);
  });

  it('refuses an upload without a session', async () => {
    const response = await upload({ path: portal('/files'), bytes: pdf(), name: 'anonymous.pdf' });
    expect(response.status).toBe(401);
  });

  it("refuses to attach a file someone else uploaded, another portal user's or a staff user's", async () => {
    const alicesFile = await uploaded({
      path: portal('/files'),
      cookie: alice,
      bytes: pdf(),
      name: 'mine.pdf',
    });
    const byBob = await createDocument(bob, alicesFile);
    expect(byBob.status).toBe(400);
    expect(await refusedFields(byBob)).toEqual(['file']);

    const staffFile = await uploaded({ path: '/api/files', cookie: rep1, bytes: pdf(), name: 'staff.pdf' });
    const byAlice = await createDocument(alice, staffFile);
    expect(byAlice.status).toBe(400);
    expect(await refusedFields(byAlice)).toEqual(['file']);

    const ownFile = await uploaded({ path: portal('/files'), cookie: bob, bytes: pdf(), name: 'own.pdf' });
    expect((await createDocument(bob, ownFile)).status).toBe(201);
  });
});
