/**
 * Sends a JSON body with upload progress: fetch cannot report how much of a large body has gone
 * out, XMLHttpRequest can. Failures come back as the same ApiError `api()` throws, so forms
 * show them on their fields.
 */
import { ApiError, apiLanguage, type FieldProblem } from '../../api.ts';

export function postWithProgress<T>(
  url: string,
  body: unknown,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', apiLanguage());
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error', []));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const err = (data as { error?: { code?: string; message?: string; details?: FieldProblem[] } } | null)
        ?.error;
      reject(
        new ApiError(
          xhr.status,
          err?.code ?? 'http_error',
          err?.message ?? `HTTP ${xhr.status}`,
          err?.details ?? [],
        ),
      );
    };
    xhr.send(JSON.stringify(body));
  });
}

/** A file's bytes as base64 (what the import body carries). */
export function fileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.readAsDataURL(file);
  });
}
