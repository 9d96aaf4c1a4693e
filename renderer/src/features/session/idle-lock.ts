/**
 * Locks the bench after idle time, so boxes are never closed under the wrong packer. Activity is any
 * key, pointer or scan; the check runs on a coarse timer, so this costs nothing per keystroke.
 */
export type IdleLockOptions = {
  /** Minutes of inactivity before locking; 0 disables. */
  minutes(): number;
  /** Whether someone is logged in and the bench is not locked yet. */
  armed(): boolean;
  lock(): void;
  target?: Pick<Document, 'addEventListener' | 'removeEventListener'>;
  now?: () => number;
  checkEveryMs?: number;
  /** The last activity known from before this page (a reloaded browser tab): the idle time runs on from it. */
  lastActive?: number | null | undefined;
  /** Told the last activity at start and at each check, to outlive a reload (not per key: it costs a storage write). */
  remember?: ((lastActive: number) => void) | undefined;
};

export type IdleLock = { touch(): void; check(): void; stop(): void };

export function startIdleLock(options: IdleLockOptions): IdleLock {
  const now = options.now ?? Date.now;
  let last = options.lastActive ?? now();
  options.remember?.(last);
  const touch = () => {
    last = now();
  };
  const check = () => {
    const minutes = options.minutes();
    if (minutes <= 0 || !options.armed()) {
      // Nobody to lock: the idle clock starts when someone logs in.
      last = now();
    } else if (now() - last >= minutes * 60_000) {
      last = now();
      options.lock();
    }
    options.remember?.(last);
  };
  const events = ['keydown', 'pointerdown', 'wheel'] as const;
  events.forEach((e) => options.target?.addEventListener(e, touch, { capture: true, passive: true }));
  const timer = setInterval(check, options.checkEveryMs ?? 10_000);
  return {
    touch,
    check,
    stop() {
      clearInterval(timer);
      events.forEach((e) => options.target?.removeEventListener(e, touch, { capture: true }));
    },
  };
}
