/** A loan's documents: the list (opened by presigned GET) and, for the borrower, an upload with progress. */
import { type FormEvent, useState } from 'react';
import { formatInstant } from '../../../shared/dates';
import { ApiProblem, asProblem } from '../../../shared/errors';
import { ProblemMessage, SelectField } from '../../../shared/forms';
import { useResource } from '../../../shared/hooks';
import { uploadPresignedPost } from '../../../shared/upload';
import { Card, EmptyState, Loaded, UploadStatus } from '../../../shared/ui';
import type { Loan } from '../../components/LoanTable';
import { api } from '../../platform';

const KINDS = [
  { value: 'id', label: 'Identity document' },
  { value: 'proof_of_income', label: 'Proof of income' },
  { value: 'proof_of_address', label: 'Proof of address' },
  { value: 'other', label: 'Other' },
] as const;
type Kind = (typeof KINDS)[number]['value'];
const TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
type DocumentType = (typeof TYPES)[number];
const MAX_BYTES = 20 * 1024 * 1024;

const kindLabel = (kind: string) => KINDS.find((k) => k.value === kind)?.label ?? kind;
const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

function UploadForm({ loanId, onUploaded }: { loanId: string; onUploaded: () => void }) {
  const [kind, setKind] = useState<Kind>('id');
  const [file, setFile] = useState<File>();
  const [progress, setProgress] = useState<number>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [fileError, setFileError] = useState<string>();
  const [done, setDone] = useState<string>();

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(undefined);
    setProblem(undefined);
    if (!file) return setFileError('Choose a file to upload.');
    if (!TYPES.includes(file.type as DocumentType)) return setFileError('Upload a PDF, JPEG or PNG file.');
    if (file.size > MAX_BYTES) return setFileError('The file is larger than 20 MB.');
    setFileError(undefined);
    setProgress(0);
    try {
      const created = await api.call((c) =>
        c.POST('/loans/{loanId}/documents', { params: { path: { loanId } }, body: { kind, contentType: file.type as DocumentType, size: file.size } }),
      );
      await uploadPresignedPost(created.upload, file, setProgress);
      setDone(`${file.name} was uploaded.`);
      setFile(undefined);
      (event.target as HTMLFormElement).reset();
      onUploaded();
    } catch (error) {
      const p = asProblem(error);
      setProblem(p.kind === 'other' ? new ApiProblem('network', p.message) : p);
    } finally {
      setProgress(undefined);
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <div className="form-row">
        <SelectField label="Kind of document" name="kind" value={kind} onChange={(e) => setKind(e.target.value as Kind)} field="kind" problem={problem}>
          {KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </SelectField>
        <div className={fileError ? 'field field--invalid' : 'field'}>
          <label htmlFor="document-file">File (PDF, JPEG or PNG, up to 20 MB)</label>
          <input
            id="document-file"
            type="file"
            name="file"
            accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? 'document-file-error' : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0]);
              setFileError(undefined);
            }}
          />
          {fileError && (
            <p className="field__error" id="document-file-error">
              {fileError}
            </p>
          )}
        </div>
      </div>
      <UploadStatus id="upload-progress" progress={progress} done={done} />
      <ProblemMessage problem={problem} onRetry={() => document.getElementById('upload-submit')?.click()} shownFields={['kind']} />
      <button id="upload-submit" type="submit" className="button" disabled={progress !== undefined}>
        Upload document
      </button>
    </form>
  );
}

export function Documents({ loan, mayUpload, version }: { loan: Loan; mayUpload: boolean; version: number }) {
  const [uploads, setUploads] = useState(0);
  const documents = useResource(
    () => api.call((c) => c.GET('/loans/{loanId}/documents', { params: { path: { loanId: loan.id }, query: { limit: 100 } } })),
    [loan.id, version, uploads],
  );
  return (
    <Card title="Documents" id="documents">
      <Loaded resource={documents}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState>No documents yet.</EmptyState>
          ) : (
            <ul className="documents">
              {page.items.map((d) => (
                <li key={d.id}>
                  {d.url ? (
                    <a href={d.url} target="_blank" rel="noreferrer">
                      {kindLabel(d.kind)} ({d.contentType.split('/')[1].toUpperCase()}, {size(d.size)})
                    </a>
                  ) : (
                    <span>
                      {kindLabel(d.kind)} ({d.contentType.split('/')[1].toUpperCase()}, {size(d.size)})
                    </span>
                  )}{' '}
                  <span className="muted">
                    {d.status === 'uploaded' ? 'uploaded' : d.status === 'pending' ? 'waiting for the upload' : 'not valid: upload again'} ·{' '}
                    {formatInstant(d.createdAt)}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
      {mayUpload && (
        <>
          <h3>Add a document</h3>
          <UploadForm loanId={loan.id} onUploaded={() => setUploads((n) => n + 1)} />
        </>
      )}
    </Card>
  );
}
