/**
 * Renderer tests wait up to 5 s for what a screen shows (testing-library's default is 1 s): a screen
 * loads its module lazily, and on the 2-core build machine under a full suite that first load alone
 * has taken over a second. A wait, not a speed check; speed is measured by `npm run bench`.
 */
if (typeof document !== 'undefined') {
  const { configure } = await import('@testing-library/react');
  configure({ asyncUtilTimeout: 5_000 });
}
export {};
