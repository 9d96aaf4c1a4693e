// `npm run bench [scan|label|import|start|feedback|bundle …]`: prints every performance figure with
// its floor measured in the same run, and writes bench-results/latest.{md,json}.
import { ensureBuild, ensureDependencies, ensureNodeAbi, must } from './lib.js';

ensureDependencies();
ensureNodeAbi();
ensureBuild();
must('npx', ['jiti', 'test/bench/run.ts', ...process.argv.slice(2)]);
