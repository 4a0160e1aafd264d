/**
 * A browser upload straight to the bucket through an S3 presigned POST: the policy's fields first,
 * then the file, with progress reported as it goes (XMLHttpRequest: fetch has no upload progress).
 */
export function uploadPresignedPost(
  upload: { url: string; fields: Record<string, string> },
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', upload.url);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve();
      } else reject(new Error(`The storage refused the upload (HTTP ${xhr.status}).`));
    };
    xhr.onerror = () => reject(new Error('The upload could not reach the storage. Check your connection, then try again.'));
    xhr.send(form);
  });
}
