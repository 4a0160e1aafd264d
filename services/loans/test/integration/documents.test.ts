/** Loan documents over HTTP: presigned POST straight to the bucket, listed with presigned GETs. */
import type { operations } from '@platform/api-client';
import { api, expectData } from '../../../../test/support/http';
import { application, as, borrower, cast, dbCalls, idempotencyKey, type Cast, type Person } from '../../../../test/support/loans';

type DocumentRequest = operations['createLoanDocument']['requestBody']['content']['application/json'];

let people: Cast;
let loanId: string;
beforeAll(async () => {
  people = await cast();
  loanId = expectData(await as(people.borrower).POST('/loans/apply', { params: { header: idempotencyKey() }, body: application() }), 201).id;
});

const documents = () => ({ path: { loanId } });
const createDocument = (who: Person, body: DocumentRequest) => as(who).POST('/loans/{loanId}/documents', { params: documents(), body });
const listDocuments = (who: Person) => as(who).GET('/loans/{loanId}/documents', { params: documents() });

const pdf = Buffer.from('%PDF-1.4\n% a tiny test document\n%%EOF\n');

async function upload(target: { url: string; fields: Record<string, string> }, bytes: Buffer, contentType: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }));
  return fetch(target.url, { method: 'POST', body: form });
}

describe('loan documents', () => {
  it('gives the borrower a presigned POST for the declared type and size, and lists the upload with a download link', async () => {
    const reply = await createDocument(people.borrower, { kind: 'proof_of_income', contentType: 'application/pdf', size: pdf.length });
    expect(reply.response.status).toBe(201);
    expect(dbCalls(reply.response)).toBeLessThanOrEqual(2);
    const created = expectData(reply, 201);
    expect(created).toMatchObject({
      kind: 'proof_of_income',
      contentType: 'application/pdf',
      size: pdf.length,
      upload: { url: expect.any(String), fields: expect.any(Object) },
    });
    expect(created.upload.fields.key).toBe(`${people.borrower.userId}/${loanId}/${created.documentId}`);
    const policy: { conditions: unknown[] } = JSON.parse(Buffer.from(created.upload.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$Content-Type', 'application/pdf'],
        ['content-length-range', pdf.length, pdf.length],
      ]),
    );

    const before = await listDocuments(people.officer);
    expect(before.data?.items[0]).toMatchObject({ id: created.documentId, status: 'pending', url: null });

    expect((await upload(created.upload, pdf, 'application/pdf')).status).toBeLessThan(300);
    const listed = await listDocuments(people.borrower);
    expect(listed.response.status).toBe(200);
    expect(dbCalls(listed.response)).toBeLessThanOrEqual(2);
    expect(listed.data?.items[0]).toMatchObject({ id: created.documentId, status: 'uploaded', url: expect.stringContaining('X-Amz-Signature') });
    const download = await fetch(String(listed.data?.items[0].url));
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
  });

  it('refuses another type, more than 20 MiB (400), and staff or strangers uploading (403/404)', async () => {
    const post = async (who: Person, body: DocumentRequest) => (await createDocument(who, body)).response.status;
    // a type or a kind the document does not list does not type-check: sent as-is
    const postUnlisted = async (body: object) => (await api('POST', `/loans/${loanId}/documents`, { token: people.borrower.token, body })).status;
    expect(await postUnlisted({ kind: 'id', contentType: 'image/gif', size: 10 })).toBe(400);
    expect(await post(people.borrower, { kind: 'id', contentType: 'image/png', size: 20 * 1024 * 1024 + 1 })).toBe(400);
    expect(await postUnlisted({ kind: 'passport', contentType: 'image/png', size: 10 })).toBe(400);
    expect(await post(people.officer, { kind: 'id', contentType: 'image/png', size: 10 })).toBe(403);
    expect(await post(await borrower(), { kind: 'id', contentType: 'image/png', size: 10 })).toBe(404);
  });

  it('marks an upload that is not what was declared as invalid, with no link', async () => {
    const created = expectData(await createDocument(people.borrower, { kind: 'id', contentType: 'image/png', size: 4 }), 201);
    await upload(created.upload, Buffer.from('not four bytes'), 'image/png'); // the emulator ignores the policy; the list does not
    const listed = (await listDocuments(people.borrower)).data?.items;
    expect(listed?.find((d) => d.id === created.documentId)).toMatchObject({ status: 'invalid', url: null });
  });
});
