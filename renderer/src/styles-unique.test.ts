import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every screen's stylesheet stays loaded once the screen has been opened, so a class a second
 * stylesheet also styles on its own changes the first screen after the second was visited (the
 * damage form's rows were laid out as the damage list's once the review screen had been opened).
 * A class is styled on its own (a rule `.name { … }`) in one file only; other files narrow it
 * (`.x .name`, `.name.y`, `.name:focus-visible`).
 */
const root = join(__dirname);
const cssFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? cssFiles(join(dir, e.name)) : e.name.endsWith('.css') ? [join(dir, e.name)] : []));

describe('stylesheets', () => {
  it('style each bare class in one file', () => {
    const owners = new Map<string, Set<string>>();
    for (const file of cssFiles(root)) {
      const css = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
      // Each selector of each rule that is `.name` alone (a shared state style such as a focus ring may list many).
      for (const rule of css.matchAll(/([^{}]+)\{/g)) {
        for (const selector of rule[1]!.split(',')) {
          const bare = /^\s*\.([a-zA-Z][\w-]*)\s*$/.exec(selector);
          if (bare) owners.set(bare[1]!, (owners.get(bare[1]!) ?? new Set()).add(relative(root, file)));
        }
      }
    }
    const shared = [...owners].filter(([, files]) => files.size > 1).map(([name, files]) => `.${name}: ${[...files].join(', ')}`);
    expect(shared).toEqual([]);
  });
});
