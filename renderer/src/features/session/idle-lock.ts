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
};

export type IdleLock = { touch(): void; check(): void; stop(): void };

export function startIdleLock(options: IdleLockOptions): IdleLock {
  const now = options.now ?? Date.now;
  let last = now();
  const touch = () => {
    last = now();
  };
  const check = () => {
    const minutes = options.minutes();
    if (minutes <= 0 || !options.armed()) {
      // Nobody to lock: the idle clock starts when someone logs in.
      last = now();
      return;
    }
    if (now() - last >= minutes * 60_000) {
      last = now();
      options.lock();
    }
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
