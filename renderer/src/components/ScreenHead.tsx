import type { ReactNode } from 'react';

/** A back-office screen's title bar; the children (a toolbar, tabs) sit at its right. */
export function ScreenHead({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="screen-head">
      <h1>{title}</h1>
      {children}
    </div>
  );
}
