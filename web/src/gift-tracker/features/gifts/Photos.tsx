/**
 * A gift's photos: thumbnails by presigned GET, delete; add one by choosing or dropping an image,
 * uploaded straight to the bucket by the presigned POST (with progress), then completed.
 */
import { type DragEvent, type FormEvent, useState } from 'react';
import { ApiProblem, asProblem } from '../../../shared/errors';
import { ProblemMessage } from '../../../shared/forms';
import { useResource } from '../../../shared/hooks';
import { uploadPresignedPost } from '../../../shared/upload';
import { EmptyState, Loaded, UploadStatus } from '../../../shared/ui';
import type { Gift } from '../../model';
import { api } from '../../platform';

const TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;
type ImageType = (typeof TYPES)[number];
const MAX_BYTES = 10 * 1024 * 1024;

function Thumbnails({ gift, onChanged }: { gift: Gift; onChanged: () => void }) {
  const images = useResource(
    () => Promise.all(gift.images.map((imageId) => api.call((c) => c.GET('/images/{imageId}', { params: { path: { imageId } } })))),
    [gift.images.join(',')],
  );
  const [problem, setProblem] = useState<ApiProblem>();
  const remove = async (imageId: string) => {
    setProblem(undefined);
    try {
      await api.call((c) => c.DELETE('/images/{imageId}', { params: { path: { imageId } } }));
      onChanged();
    } catch (error) {
      setProblem(asProblem(error));
    }
  };
  if (gift.images.length === 0) return <EmptyState>No photos yet.</EmptyState>;
  return (
    <Loaded resource={images} label="Loading photos…">
      {(list) => (
        <>
          <ul className="thumbnails">
            {list.map((image, i) => (
              <li key={image.id}>
                <a href={image.url} target="_blank" rel="noreferrer">
                  <img src={image.url} alt={`${gift.name}, ${i + 1} of ${list.length}`} width={160} height={160} />
                </a>
                <button type="button" className="button button--secondary button--small" onClick={() => void remove(image.id)}>
                  Delete photo {i + 1}
                </button>
              </li>
            ))}
          </ul>
          <ProblemMessage problem={problem} onRetry={() => setProblem(undefined)} />
        </>
      )}
    </Loaded>
  );
}

function fileProblem(file: File | undefined): string | undefined {
  if (!file) return 'Choose or drop an image to upload.';
  if (!TYPES.includes(file.type as ImageType)) return 'Upload a JPEG, PNG, WebP or GIF image.';
  if (file.size > MAX_BYTES) return 'The image is larger than 10 MB.';
  if (file.size === 0) return 'The file is empty.';
  return undefined;
}

function UploadForm({ gift, onUploaded }: { gift: Gift; onUploaded: () => void }) {
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [progress, setProgress] = useState<number>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [done, setDone] = useState<string>();
  const [dragging, setDragging] = useState(false);

  const upload = async () => {
    setDone(undefined);
    setProblem(undefined);
    const bad = fileProblem(file);
    setFileError(bad);
    if (bad || !file) return;
    setProgress(0);
    try {
      const created = await api.call((c) => c.POST('/images', { body: { giftId: gift.id, contentType: file.type as ImageType, size: file.size } }));
      await uploadPresignedPost(created.upload, file, setProgress).catch((error: Error) => {
        throw new ApiProblem('network', error.message);
      });
      await api.call((c) => c.POST('/images/{imageId}/complete', { params: { path: { imageId: created.imageId } } }));
      setDone(`${file.name} was added.`);
      setFile(undefined);
      onUploaded();
    } catch (error) {
      setProblem(asProblem(error));
    } finally {
      setProgress(undefined);
    }
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void upload();
  };
  const choose = (chosen: File | undefined) => {
    setFile(chosen);
    setDone(undefined);
    setFileError(chosen ? fileProblem(chosen) : undefined);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    choose(event.dataTransfer.files[0]);
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <fieldset
        className={`dropzone${dragging ? ' dropzone--over' : ''}${fileError ? ' field--invalid' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <legend className="visually-hidden">Choose or drop a photo</legend>
        <label htmlFor="photo-file">Photo (JPEG, PNG, WebP or GIF, up to 10 MB)</label>
        <input
          id="photo-file"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/gif"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? 'photo-file-error' : 'photo-file-hint'}
          onChange={(e) => choose(e.target.files?.[0])}
        />
        <p className="field__hint" id="photo-file-hint">
          {file ? `Ready: ${file.name}` : 'Or drop an image here.'}
        </p>
        {fileError && (
          <p className="field__error" id="photo-file-error">
            {fileError}
          </p>
        )}
      </fieldset>
      <UploadStatus id="photo-progress" progress={progress} done={done} />
      <ProblemMessage problem={problem} onRetry={() => void upload()} />
      <button type="submit" className="button" disabled={progress !== undefined}>
        Upload photo
      </button>
    </form>
  );
}

export function Photos({ gift, onChanged }: { gift: Gift; onChanged: () => void }) {
  return (
    <>
      <Thumbnails gift={gift} onChanged={onChanged} />
      <h3 className="section-title">Add a photo</h3>
      <UploadForm gift={gift} onUploaded={onChanged} />
    </>
  );
}
