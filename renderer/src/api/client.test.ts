import { describe, expect, it } from 'vitest';
import type { RpcMessage } from '#shared/rpc/protocol';
import { attachmentUrl } from './attachments';
import { connectApi, getAttachmentsBase, getStationToken } from './client';

describe('where the desktop window reads stored videos and pictures', () => {
  it('uses the app’s own scheme, with the read ticket from the RPC', async () => {
    // A bridge that answers media.ticket as the host would.
    let listener: ((m: RpcMessage) => void) | null = null;
    const bridge = {
      send(message: RpcMessage) {
        if (message.t === 'req' && message.method === 'media.ticket') queueMicrotask(() => listener?.({ t: 'res', id: message.id, ok: true, value: { ticket: 't0k' } }));
      },
      onMessage(l: (m: RpcMessage) => void) {
        listener = l;
        return () => (listener = null);
      },
    };
    connectApi({ bridge } as unknown as Window);
    expect(getAttachmentsBase()).toBe('packdesk://attachments/');
    expect(getStationToken()).toBeNull();
    expect(await attachmentUrl('a'.repeat(64))).toBe(`packdesk://attachments/${'a'.repeat(64)}?ticket=t0k`);
  });
});
