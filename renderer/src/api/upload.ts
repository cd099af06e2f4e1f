/**
 * Multipart uploads with progress: XHR rather than fetch, because fetch cannot report upload progress and
 * older candidates on slow mobile networks need to see that a photo is still moving.
 */
import { ApiError, errorFromAnswer, reportError } from "./apiClient.js";

function headersOf(xhr: XMLHttpRequest): Headers {
  const headers = new Headers();
  const retryAfter = xhr.getResponseHeader("Retry-After");
  if (retryAfter !== null) headers.set("Retry-After", retryAfter);
  return headers;
}

/** POSTs `file` as the multipart field `file` to `url`; resolves with the JSON answer, rejects with `ApiError`. */
export function uploadFile<T>(
  url: string,
  file: Blob,
  name: string,
  onProgress: (percent: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError("上传失败：服务器返回了无法识别的结果", xhr.status, "bad_answer"));
        }
        return;
      }
      reject(reportError(errorFromAnswer(xhr.status, headersOf(xhr), xhr.responseText)));
    };
    xhr.onerror = () => reject(new ApiError("上传失败：网络连接中断，请重试", 0, "network_error"));
    const body = new FormData();
    body.append("file", file, name);
    xhr.send(body);
  });
}
