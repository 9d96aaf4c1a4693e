import net from 'node:net';

export type RawResponse = { status: number; headers: Record<string, string>; body: string; raw: string };

/**
 * Sends bytes exactly as given over a fresh TCP connection (no client-side URL cleanup, unlike
 * fetch or curl without --path-as-is) and reads the answer until the server closes or a complete
 * response has arrived. status 0: the server closed without answering.
 */
export function rawRequest(
  port: number,
  bytes: string | Buffer,
  options: { timeoutMs?: number; host?: string; afterUpgrade?: Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: options.host ?? '127.0.0.1' });
    const chunks: Buffer[] = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseResponse(Buffer.concat(chunks).toString('latin1')));
    };
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(new Error(`no complete answer within ${options.timeoutMs ?? 5000} ms to ${JSON.stringify(String(bytes).slice(0, 200))}`));
    }, options.timeoutMs ?? 5000);
    let upgraded = false;
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (upgraded || !isComplete(Buffer.concat(chunks).toString('latin1'))) return;
      if (parseResponse(Buffer.concat(chunks).toString('latin1')).status !== 101 || !options.afterUpgrade) return finish();
      // Speak (or garble) WebSocket frames, then hang up: the server must cope and close its side.
      upgraded = true;
      socket.end(options.afterUpgrade);
    });
    // A reset after the answer (or instead of one) is the server's right; only a missing answer fails.
    socket.on('error', finish);
    socket.on('close', finish);
    socket.write(bytes);
  });
}

/** Drops interim answers (100 Continue) that precede the real one. */
const finalPart = (text: string) => text.replace(/^(HTTP\/1\.[01] 1(?!01)\d\d[^\r]*\r\n(?:[^\r]+\r\n)*\r\n)+/, '');

function isComplete(all: string): boolean {
  const text = finalPart(all);
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return false;
  const head = parseResponse(text);
  if (head.status === 101) return true;
  const length = head.headers['content-length'];
  if (length !== undefined) return Buffer.byteLength(text.slice(end + 4), 'latin1') >= Number(length);
  return head.headers['transfer-encoding'] === 'chunked' ? text.endsWith('0\r\n\r\n') : false;
}

function parseResponse(all: string): RawResponse {
  const raw = finalPart(all);
  const end = raw.indexOf('\r\n\r\n');
  const head = end < 0 ? raw : raw.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status, headers, body: end < 0 ? '' : raw.slice(end + 4), raw };
}

/** A GET with the given request target and headers (Host defaults to the station's own). */
export function getRequest(target: string, headers: Record<string, string>): string {
  return `GET ${target} HTTP/1.1\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}Connection: close\r\n\r\n`;
}

/** A WebSocket upgrade request for `target`, with a valid key unless headers override it. */
export function upgradeRequest(target: string, headers: Record<string, string>): string {
  return getRequest(target, {
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    'Sec-WebSocket-Version': '13',
    ...headers,
  }).replace('Connection: close\r\n', '');
}

/** A masked client frame (RFC 6455 §5.2): what a browser would send on the RPC socket. */
export function clientFrame(opcode: number, payload: Buffer, mask = Buffer.from([0x12, 0x34, 0x56, 0x78])): Buffer {
  const length = payload.length;
  const head = length < 126 ? Buffer.from([0x80 | opcode, 0x80 | length]) : Buffer.from([0x80 | opcode, 0x80 | 126, length >> 8, length & 0xff]);
  const body = Buffer.from(payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0)));
  return Buffer.concat([head, mask, body]);
}
