/** Browser file helpers: bytes cross the RPC boundary as base64. */

export function readFileAsBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

/**
 * A text file as a seller saves it: UTF-8 (with or without a BOM), else GBK — Notepad and Excel on a
 * Chinese Windows write GB18030/GBK, which read as UTF-8 is mojibake that an edit would then send.
 */
export async function readFileAsText(file: Blob): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** Saves bytes as a download through a Blob link (works offline and under a strict CSP). */
export function downloadBase64(fileName: string, base64: string, mime = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(base64)], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
