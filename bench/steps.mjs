// Compares builds step by step (issue 31): the start's long tasks of each
// build's /article/<id>, traced in turns (A, B, C, A, B, C, …) so that a
// machine getting busier or quieter weighs on every build alike, at one CPU
// slowdown (calibrated as scripts/bench.sh does, or given).
//
//   node bench/steps.mjs [--id 1201] [--runs 7] [--slowdown X] NAME=DIST ...
//
// Prints, per build: the wasm module's raw and brotli bytes, the median of
// the runs' time over 50 ms, of their longest task, and of the main thread's
// script, wasm compile and style & layout time from first paint on.

import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { Browser } from './cdp.mjs';
import { calibrate, REFERENCE_INDEX } from './lighthouse.mjs';
import { longTasks } from './measure.mjs';
import { startServer } from './server.mjs';
import { sizesOf } from './sizes.mjs';

const opts = { id: '1201', runs: 7, slowdown: null };
const builds = [];
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  if (argv[i].startsWith('--')) opts[argv[i].slice(2)] = argv[++i];
  else {
    const [name, dist] = argv[i].split('=');
    if (!dist) throw new Error(`expected NAME=DIST, got ${argv[i]}`);
    builds.push({ name, root: resolve(dist) });
  }
}
if (!builds.length) throw new Error('usage: node bench/steps.mjs [--runs N] [--slowdown X] NAME=DIST ...');
const path = `/article/${opts.id}`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

for (const b of builds) {
  const wasm = readdirSync(b.root).find((f) => f.endsWith('_bg.wasm'));
  ({ raw: b.raw, brotli: b.brotli } = sizesOf(join(b.root, wasm)));
  b.server = await startServer({ root: b.root, extras: {}, encoding: 'br' });
  b.traces = [];
}
let slowdown = Number(opts.slowdown);
let how = 'given';
if (!slowdown) {
  const cal = await calibrate(builds[0].server.origin + path, (m) => process.stderr.write(`steps: ${m}\n`));
  slowdown = cal.slowdown;
  how = `4 x benchmarkIndex ${cal.benchmarkIndex} / ${REFERENCE_INDEX}`;
}
const load = loadavg()[0].toFixed(2);
const browser = await Browser.launch();
try {
  for (let run = 0; run < Number(opts.runs); run++) {
    for (const b of builds) {
      process.stderr.write(`steps: ${b.name} run ${run + 1}/${opts.runs}\n`);
      b.traces.push(await longTasks(browser, { origin: b.server.origin }, path, slowdown));
    }
  }
} finally {
  await browser.close();
  for (const b of builds) await b.server.close();
}
console.log(
  `${path} at CPU slowdown ${slowdown}x (${how}), ${opts.runs} traced loads per build in turns; ` +
    `load average ${load} at start, ${loadavg()[0].toFixed(2)} at end`,
);
console.log('build            wasm raw   brotli   over 50 ms (median; runs)          longest   script  compile  style&layout');
for (const b of builds) {
  const over = b.traces.map((t) => Math.round(t.blocking));
  const longest = median(b.traces.map((t) => Math.max(0, ...t.tasks.map((x) => x.ms))));
  const work = (kind) => Math.round(median(b.traces.map((t) => t.work[kind] || 0)));
  console.log(
    `${b.name.padEnd(15)} ${String(b.raw).padStart(9)} ${String(b.brotli).padStart(8)}   ` +
      `${String(Math.round(median(over))).padStart(4)} (${over.join('/')})`.padEnd(36) +
      `${String(Math.round(longest)).padStart(6)} ${String(work('script')).padStart(8)} ${String(work('wasm compile')).padStart(8)} ${String(work('style & layout')).padStart(13)}`,
  );
}
