import { readdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, testOrigin } from '../helpers/start-test-runtime.ts';

let t: Awaited<ReturnType<typeof startTestRuntime>>;
let rep1: string;
let rep2: string;
beforeAll(async () => {
  t = await startTestRuntime();
  rep1 = await t.login('rep1@atrium.test');
  rep2 = await t.login('rep2@atrium.test');
}, 60_000);

type FileRef = { fileId: string; name: string; size: number; type: string };
type Body = { data?: unknown; error?: { code: string; details?: { fields?: Array<{ field: string }> } } };

const encoder = new TextEncoder();
const pdf = encoder.encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const png = (size = 64) => {
  const bytes = new Uint8Array(size);
  bytes.set(pngSignature);
  return bytes;
};

function upload(args: { cookie: string; bytes: Uint8Array<ArrayBuffer>; name: string; type?: string }) {
  return t.app.request('/api/files', {
    method: 'POST',
    headers: {
      origin: testOrigin,
      cookie: args.cookie,
      'x-file-name': encodeURIComponent(args.name),
      ...(args.type ? { 'content-type': args.type } : {}),
    },
    body: args.bytes,
  });
}

async function uploaded(args: Parameters<typeof upload>[0]): Promise<FileRef> {
  const response = await upload(args);
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: FileRef }).data;
}

async function createDocument(cookie: string, file: unknown) {
  return t.request('/api/records/documents', {
    method: 'POST',
    cookie,
    body: { title: 'Contract', category: 'contract', file },
  });
}

async function createdId(response: Response): Promise<string> {
  expect(response.status).toBe(201);
  return ((await response.json()) as { data: { id: string } }).data.id;
}

type MetadataJson = Record<string, unknown> & { kind: string; name: string };

/** Runs `run` with the current metadata changed by `change`, then saves the original back. */
async function withMetadata(change: (documents: MetadataJson[]) => void, run: () => Promise<void>) {
  const { metadata } = t.runtime;
  const current = await metadata.revision(metadata.current().number);
  if (!current) throw new Error('no current revision');
  const original = structuredClone(current.documents) as unknown as MetadataJson[];
  const changed = structuredClone(original);
  change(changed);
  const saved = await metadata.save({ documents: changed, author: 'files-test' });
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
  const failure = await run().then(
    () => undefined,
    (error: unknown) => error ?? new Error('failed'),
  );
  const restored = await metadata.save({ documents: original, author: 'files-test' });
  if (!restored.ok) throw new Error(JSON.stringify(restored.problems));
  if (failure) throw failure;
}

function find(documents: MetadataJson[], kind: string, name: string): MetadataJson {
  const found = documents.find((d) => d.kind === kind && d.name === name);
  if (!found) throw new Error(`no ${kind} ${name}`);
  return found;
}

afterAll(async () => {
  await t.store.close();
});

describe('file uploads and downloads', () => {
  it('uploads a PDF, attaches it to a document and serves it back byte for byte as an attachment', async () => {
    const file = await uploaded({
      cookie: rep1,
      bytes: pdf,
      name: 'Contract 2024 – signed.pdf',
      type: 'application/pdf',
    });
    expect(file).toMatchObject({
      name: 'Contract 2024 – signed.pdf',
      size: pdf.length,
      type: 'application/pdf',
    });
    const id = await createdId(await createDocument(rep1, file));
    const response = await t.request(`/api/records/documents/${id}/files/file`, { cookie: rep1 });
    expect(response.status).toBe(200);
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(pdf);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="[^"]*"; filename\*=UTF-8''Contract%202024%20%E2%80%93%20signed\.pdf$/,
    );
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('refuses HTML declared as a PDF, or as HTML; HTML with no declared type is stored and served as plain text', async () => {
    const html = encoder.encode('<!doctype html><script>alert(document.cookie)</script>');
    const asPdf = await upload({ cookie: rep1, bytes: html, name: 'invoice.pdf', type: 'application/pdf' });
    expect(asPdf.status).toBe(415);
    expect(((await asPdf.json()) as Body).error?.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect((await upload({ cookie: rep1, bytes: html, name: 'page.html', type: 'text/html' })).status).toBe(
      415,
    );
    const file = await uploaded({ cookie: rep1, bytes: html, name: 'page.html' });
    expect(file.type).toBe('text/plain');
    const id = await createdId(await createDocument(rep1, file));
    const response = await t.request(`/api/records/documents/${id}/files/file`, { cookie: rep1 });
    expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
  });

  it('types a PNG named evil.pdf by its content, and a field whose accept excludes images refuses it', async () => {
    expect(
      (await upload({ cookie: rep1, bytes: png(), name: 'evil.pdf', type: 'application/pdf' })).status,
    ).toBe(415);
    const file = await uploaded({ cookie: rep1, bytes: png(), name: 'evil.pdf', type: 'image/png' });
    expect(file).toMatchObject({ name: 'evil.pdf', type: 'image/png' });
    await withMetadata(
      (documents) => {
        const fields = find(documents, 'module', 'documents').fields as Array<{
          name: string;
          constraints?: { accept?: string[] };
        }>;
        const field = fields.find((f) => f.name === 'file');
        if (!field?.constraints) throw new Error('documents.file has no constraints');
        field.constraints.accept = ['application/pdf'];
      },
      async () => {
        const refused = await createDocument(rep1, file);
        expect(refused.status).toBe(400);
        expect(((await refused.json()) as Body).error?.details?.fields?.[0]?.field).toBe('file');
        const other = await uploaded({ cookie: rep1, bytes: pdf, name: 'ok.pdf', type: 'application/pdf' });
        await createdId(await createDocument(rep1, other));
      },
    );
  });

  it('never turns a file name into a path: generated stored names in a 0700 directory, a sanitised display name', async () => {
    const name = '../../etc/passwd%2f\u0000x';
    const file = await uploaded({
      cookie: rep1,
      bytes: encoder.encode('root:x:0:0'),
      name,
      type: 'text/plain',
    });
    expect(file.name).not.toMatch(/[/\\\0]|\.\.|%2f/i);
    expect(file.name).toContain('passwd');
    const { filesDir } = t.runtime;
    expect(statSync(filesDir).mode & 0o777).toBe(0o700);
    const stored = await t.store.get({ module: 'atriumFiles', id: file.fileId, where: { kind: 'true' } });
    expect(String(stored?.storedName)).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const entries = readdirSync(filesDir);
    expect(entries).toContain(stored?.storedName);
    expect(entries.every((entry) => /^[A-Za-z0-9_-]{32}$/.test(entry))).toBe(true);
    expect(readdirSync(dirname(filesDir))).toEqual(['files']);
    expect(stored?.uploadedBy).toMatch(/^staff:/);
    expect(stored?.attachedTo).toBe('');
    expect(String(stored?.sha256)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers 404 for a file of a record outside the scope, like a missing record', async () => {
    const file = await uploaded({ cookie: rep2, bytes: pdf, name: 'rep2.pdf', type: 'application/pdf' });
    const id = await createdId(await createDocument(rep2, file));
    expect((await t.request(`/api/records/documents/${id}/files/file`, { cookie: rep2 })).status).toBe(200);
    const foreign = await t.request(`/api/records/documents/${id}/files/file`, { cookie: rep1 });
    const missing = await t.request('/api/records/documents/doesnotexist0000/files/file', { cookie: rep1 });
    expect(foreign.status).toBe(404);
    expect(await foreign.json()).toEqual(await missing.json());
    expect((await t.request(`/api/records/documents/${id}/files/title`, { cookie: rep2 })).status).toBe(404);
  });

  it('answers 404 for a file field hidden from the principal', async () => {
    const file = await uploaded({ cookie: rep1, bytes: pdf, name: 'hidden.pdf', type: 'application/pdf' });
    const id = await createdId(await createDocument(rep1, file));
    await withMetadata(
      (documents) => {
        const modules = find(documents, 'profile', 'salesRep').modules as Record<
          string,
          { fields?: Record<string, string> }
        >;
        const access = modules.documents;
        if (!access) throw new Error('salesRep has no documents');
        access.fields = { ...access.fields, file: 'hidden' };
      },
      async () => {
        expect((await t.request(`/api/records/documents/${id}/files/file`, { cookie: rep1 })).status).toBe(
          404,
        );
      },
    );
  });

  it('refuses attaching a file uploaded by someone else, one attached elsewhere, or a reference that does not match', async () => {
    const ofRep2 = await uploaded({ cookie: rep2, bytes: pdf, name: 'rep2.pdf', type: 'application/pdf' });
    const taken = await createDocument(rep1, ofRep2);
    expect(taken.status).toBe(400);
    expect(((await taken.json()) as Body).error?.details?.fields?.[0]?.field).toBe('file');
    const mine = await uploaded({ cookie: rep1, bytes: pdf, name: 'mine.pdf', type: 'application/pdf' });
    expect((await createDocument(rep1, { ...mine, type: 'text/html' })).status).toBe(400);
    expect((await createDocument(rep1, { ...mine, size: 1 })).status).toBe(400);
    const id = await createdId(await createDocument(rep1, mine));
    expect((await createDocument(rep1, mine)).status).toBe(400);
    const again = await t.request(`/api/records/documents/${id}`, {
      method: 'PATCH',
      cookie: rep1,
      body: { title: 'Renamed', file: mine },
    });
    expect(again.status).toBe(200);
    const unattached = await t.store.get({
      module: 'atriumFiles',
      id: ofRep2.fileId,
      where: { kind: 'true' },
    });
    expect(unattached?.attachedTo).toBe('');
  });

  it('enforces a field’s maxBytes when attaching (accounts.logo: 2 MB) and serves images as attachments', async () => {
    const created = await t.request('/api/records/accounts', {
      method: 'POST',
      cookie: rep1,
      body: { name: 'Logo Ltd', type: 'prospect' },
    });
    const id = await createdId(created);
    const big = await uploaded({
      cookie: rep1,
      bytes: png(2 * 1024 * 1024 + 1),
      name: 'big.png',
      type: 'image/png',
    });
    const refused = await t.request(`/api/records/accounts/${id}`, {
      method: 'PATCH',
      cookie: rep1,
      body: { logo: big },
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as Body).error?.details?.fields?.[0]?.field).toBe('logo');
    const small = await uploaded({ cookie: rep1, bytes: png(), name: 'logo.png', type: 'image/png' });
    const ok = await t.request(`/api/records/accounts/${id}`, {
      method: 'PATCH',
      cookie: rep1,
      body: { logo: small },
    });
    expect(ok.status).toBe(200);
    const response = await t.request(`/api/records/accounts/${id}/files/logo`, { cookie: rep1 });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment;/);
  });

  it('takes uploads over the 5 MB JSON limit, refuses one over 25 MB with 413', async () => {
    const six = new Uint8Array(6 * 1024 * 1024);
    six.set(pdf);
    expect(
      (await upload({ cookie: rep1, bytes: six, name: 'six.pdf', type: 'application/pdf' })).status,
    ).toBe(201);
    const huge = new Uint8Array(26 * 1024 * 1024);
    huge.set(pdf);
    const response = await upload({ cookie: rep1, bytes: huge, name: 'huge.pdf', type: 'application/pdf' });
    expect(response.status).toBe(413);
    expect(((await response.json()) as Body).error?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('checks the Origin and the session of an upload', async () => {
    const crossSite = await t.app.request('/api/files', {
      method: 'POST',
      headers: { origin: 'https://evil.example', cookie: rep1, 'content-type': 'application/pdf' },
      body: pdf,
    });
    expect(crossSite.status).toBe(403);
    const anonymous = await t.app.request('/api/files', {
      method: 'POST',
      headers: { origin: testOrigin, 'content-type': 'application/pdf' },
      body: pdf,
    });
    expect(anonymous.status).toBe(401);
  });
});
