import type { z } from 'zod';
import type { Events } from '#shared/contract/events.contract';
import type { Transport } from '#shared/rpc/protocol';
import type { Host } from '../../electron/host/create-host';

type Seen = { name: string; payload: unknown };

/** Every event the host pushes, as a window attached to it sees them. */
export function listen(host: Host) {
  const seen: Seen[] = [];
  const transport: Transport = { send: (m) => void (m.t === 'evt' && seen.push({ name: m.name, payload: m.payload })), onMessage: () => () => {} };
  host.server.attach(transport);
  const next = async <K extends keyof Events & string>(name: K, test: (p: z.infer<Events[K]>) => boolean = () => true): Promise<z.infer<Events[K]>> => {
    for (let i = 0; i < 500; i++) {
      const hit = seen.find((e) => e.name === name && test(e.payload as z.infer<Events[K]>));
      if (hit) {
        seen.splice(seen.indexOf(hit), 1);
        return hit.payload as z.infer<Events[K]>;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no ${name} event`);
  };
  /** Forgets what came so far: the next waits see only what happens after this. */
  const clear = () => void seen.splice(0);
  return { seen, next, clear };
}
