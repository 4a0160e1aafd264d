/** Loan documents over HTTP: presigned POST straight to the bucket, listed with presigned GETs. */
import { application, as, borrower, cast, dbCalls, type Cast } from '../../../../test/support/loans';

let people: Cast;
let loanId: string;
beforeAll(async () => {
  people = await cast();
  loanId = (await as(people.borrower, 'POST', '/loans/apply', { idempotent: true, body: application() })).body.id;
});

const pdf = Buffer.from('%PDF-1.4\n% a tiny test document\n%%EOF\n');

async function upload(target: { url: string; fields: Record<string, string> }, bytes: Buffer, contentType: string) {
  const form = new FormData();
  for (const [name, value] of Object.entries(target.fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type: contentType }));
  return fetch(target.url, { method: 'POST', body: form });
}

describe('loan documents', () => {
  it('gives the borrower a presigned POST for the declared type and size, and lists the upload with a download link', async () => {
    const created = await as(people.borrower, 'POST', `/loans/${loanId}/documents`, {
      body: { kind: 'proof_of_income', contentType: 'application/pdf', size: pdf.length },
    });
    expect(created.status).toBe(201);
    expect(dbCalls(created)).toBeLessThanOrEqual(2);
    expect(created.body).toMatchObject({
      kind: 'proof_of_income',
      contentType: 'application/pdf',
      size: pdf.length,
      upload: { url: expect.any(String), fields: expect.any(Object) },
    });
    expect(created.body.upload.fields.key).toBe(`${people.borrower.userId}/${loanId}/${created.body.documentId}`);
    const policy = JSON.parse(Buffer.from(created.body.upload.fields.Policy, 'base64').toString('utf8'));
    expect(policy.conditions).toEqual(
      expect.arrayContaining([
        ['eq', '$Content-Type', 'application/pdf'],
        ['content-length-range', pdf.length, pdf.length],
      ]),
    );

    const before = await as(people.officer, 'GET', `/loans/${loanId}/documents`);
    expect(before.body.items[0]).toMatchObject({ id: created.body.documentId, status: 'pending', url: null });

    expect((await upload(created.body.upload, pdf, 'application/pdf')).status).toBeLessThan(300);
    const listed = await as(people.borrower, 'GET', `/loans/${loanId}/documents`);
    expect(listed.status).toBe(200);
    expect(dbCalls(listed)).toBeLessThanOrEqual(2);
    expect(listed.body.items[0]).toMatchObject({ id: created.body.documentId, status: 'uploaded', url: expect.stringContaining('X-Amz-Signature') });
    const download = await fetch(listed.body.items[0].url);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
  });

  it('refuses another type, more than 20 MiB (400), and staff or strangers uploading (403/404)', async () => {
    const post = (who = people.borrower, body: object) => as(who, 'POST', `/loans/${loanId}/documents`, { body });
    expect((await post(people.borrower, { kind: 'id', contentType: 'image/gif', size: 10 })).status).toBe(400);
    expect((await post(people.borrower, { kind: 'id', contentType: 'image/png', size: 20 * 1024 * 1024 + 1 })).status).toBe(400);
    expect((await post(people.borrower, { kind: 'passport', contentType: 'image/png', size: 10 })).status).toBe(400);
    expect((await post(people.officer, { kind: 'id', contentType: 'image/png', size: 10 })).status).toBe(403);
    expect((await post(await borrower(), { kind: 'id', contentType: 'image/png', size: 10 })).status).toBe(404);
  });

  it('marks an upload that is not what was declared as invalid, with no link', async () => {
    const created = await as(people.borrower, 'POST', `/loans/${loanId}/documents`, { body: { kind: 'id', contentType: 'image/png', size: 4 } });
    await upload(created.body.upload, Buffer.from('not four bytes'), 'image/png'); // the emulator ignores the policy; the list does not
    const listed = (await as(people.borrower, 'GET', `/loans/${loanId}/documents`)).body.items;
    expect(listed.find((d: any) => d.id === created.body.documentId)).toMatchObject({ status: 'invalid', url: null });
  });
});
