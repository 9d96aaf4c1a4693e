/**
 * The key that does this, printed small on the control (F9 on 发货): a packer learns the keys from
 * the screen, not from a sheet. Hidden from screen readers, which read aria-keyshortcuts instead.
 */
export function KeyHint({ keys }: { keys: string }) {
  return (
    <kbd className="key-hint" aria-hidden="true">
      {keys}
    </kbd>
  );
}
