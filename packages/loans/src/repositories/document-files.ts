/**
 * Loan documents: the borrower gets a presigned POST whose policy pins the key, the declared type
 * and the exact declared size (at most 20 MiB) for 5 minutes; listing checks each object with
 * HeadObject (the local emulator enforces no policy, and the app does not rely on it alone)
 * and links the ones that arrived as declared with a 5-minute presigned GET.
 */
import { head, presignedGet, presignedPost, bucketFromEnv } from '@platform/libs/storage';
import type { LoanDocumentRecord } from '../model';

export const UPLOAD_SECONDS = 300;
export const DOWNLOAD_SECONDS = 300;
const bucket = () => bucketFromEnv('LOAN_DOCUMENTS_BUCKET');

/** Objects live under the borrower's prefix: <borrowerId>/<loanId>/<documentId>. */
export const objectKey = (borrowerId: string, loanId: string, documentId: string) => `${borrowerId}/${loanId}/${documentId}`;

const view = ({ key: _key, borrowerId: _b, ...document }: LoanDocumentRecord) => document;

export async function uploadFor(document: LoanDocumentRecord) {
  const { url, fields, expiresAt } = await presignedPost({
    bucket: bucket(),
    key: document.key,
    contentType: document.contentType,
    minBytes: document.size,
    maxBytes: document.size,
    expiresSeconds: UPLOAD_SECONDS,
  });
  return { ...view(document), documentId: document.id, upload: { url, fields }, expiresAt };
}

/** uploaded (as declared, with a download link), pending (nothing there yet) or invalid (another type or size). */
export async function withDownload(document: LoanDocumentRecord) {
  const found = await head(bucket(), document.key);
  if (!found) return { ...view(document), status: 'pending', url: null, expiresAt: null };
  if (found.size !== document.size || found.contentType !== document.contentType) return { ...view(document), status: 'invalid', url: null, expiresAt: null };
  const { url, expiresAt } = await presignedGet(bucket(), document.key, DOWNLOAD_SECONDS);
  return { ...view(document), status: 'uploaded', url, expiresAt };
}
