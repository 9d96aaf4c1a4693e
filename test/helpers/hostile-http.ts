import https from 'node:https';

export type RawReply = { status: number; text: string; body: unknown };

/**
 * A client that behaves like an attacker, not a station: it trusts any certificate (it has no pin),
 * sends whatever bytes it is given, and can speak from another loopback address (127.0.0.2, …) so
 * tests can tell one source from another.
 */
export function rawRequest(
  baseUrl: string,
  request: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; localAddress?: string },
): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${baseUrl}${request.path}`,
      {
        method: request.method ?? 'POST',
        headers: request.headers ?? {},
        rejectUnauthorized: false,
        agent: false,
        ...(request.localAddress ? { localAddress: request.localAddress } : {}),
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => {
          const text = Buffer.concat(parts).toString('utf8');
          let body: unknown = null;
          try {
            body = JSON.parse(text);
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode ?? 0, text, body });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/** A JSON POST as an attacker would send it: the same shape as a station's, from any address. */
export const rawJson = (baseUrl: string, path: string, body: unknown, localAddress?: string) =>
  rawRequest(baseUrl, { path, body: JSON.stringify(body), headers: { 'content-type': 'application/json' }, ...(localAddress ? { localAddress } : {}) });
