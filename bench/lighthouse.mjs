// Lighthouse 12.2.3 with its default settings: the mobile preset (Moto G
// Power screen) and simulated throttling (slow 4G, 150 ms RTT, 1.6 Mbps),
// in headless Debian Chromium, a fresh browser for every run; the CPU
// slowdown is calibrated to this machine (see `calibrate`), so a figure
// means the same simulated phone on every machine. Runs are interleaved (page 1, page 2, …, page 1, …) so a drift
// in the machine's load hits every page alike; each figure is the median of
// its runs.

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROME_FLAGS, CHROME_PATH, TOOLS } from './cdp.mjs';

const load = (rel) => import(pathToFileURL(join(TOOLS, 'node_modules', rel)).href);

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const METRICS = {
  fcp: 'first-contentful-paint',
  lcp: 'largest-contentful-paint',
  cls: 'cumulative-layout-shift',
  tbt: 'total-blocking-time',
  si: 'speed-index',
  tti: 'interactive',
};

export const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function summarize(lhr) {
  const out = { warnings: lhr.runWarnings || [], error: lhr.runtimeError ? `${lhr.runtimeError.code}` : undefined, benchmarkIndex: lhr.environment?.benchmarkIndex };
  for (const c of CATEGORIES) out[c] = lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100);
  for (const [k, id] of Object.entries(METRICS)) out[k] = lhr.audits[id]?.numericValue ?? null;
  // What kept a category below 100, for the report.
  out.failed = {};
  for (const c of ['accessibility', 'best-practices', 'seo']) {
    for (const ref of lhr.categories[c]?.auditRefs || []) {
      const a = lhr.audits[ref.id];
      if (ref.weight > 0 && a && a.score !== null && a.score < 1) {
        out.failed[`${c}/${ref.id}`] = (a.details?.items || [])
          .slice(0, 3)
          .map((i) => String(i.text || i.node?.snippet || i.href || i.url || '').slice(0, 80))
          .filter(Boolean);
      }
    }
  }
  // Lighthouse 12.2.3 predates this Chromium: some trace-based diagnostics
  // (LCP element, layout-shift culprits) error out; the metrics do not.
  out.erroredAudits = Object.values(lhr.audits)
    .filter((a) => a.scoreDisplayMode === 'error')
    .map((a) => `${a.id} (${(a.errorMessage || '').slice(0, 120)})`);
  return out;
}

/**
 * `pages` is `{ name: url }`; `log` receives progress lines. Resolves to
 * `{ name: { runs: [...], median: {...} } }`.
 */
/** Lighthouse's reference machine: its 4x slowdown was tuned for a
 * benchmarkIndex near this (the machine of issue 31's measurements). */
export const REFERENCE_INDEX = 1457;

/**
 * The CPU slowdown that makes this machine the reference phone:
 * 4 x benchmarkIndex / 1457, from one Lighthouse run of `url` (its
 * benchmarkIndex is measured in the browser before the page loads).
 */
export async function calibrate(url, log = () => {}) {
  const r = await runLighthouse({ calibration: url }, 1, log);
  const index = r.calibration.median.benchmarkIndex;
  return { benchmarkIndex: index, slowdown: Math.round((400 * index) / REFERENCE_INDEX) / 100 };
}

export async function runLighthouse(pages, runs, log = () => {}, cpuSlowdown = null) {
  const lighthouse = (await load('lighthouse/core/index.js')).default;
  const { throttling } = await load('lighthouse/core/config/constants.js');
  const flags = cpuSlowdown == null ? {} : { throttling: { ...throttling.mobileSlow4G, cpuSlowdownMultiplier: cpuSlowdown } };
  const launcher = await load('chrome-launcher/dist/index.js');
  const results = Object.fromEntries(Object.keys(pages).map((n) => [n, { runs: [] }]));
  for (let i = 1; i <= runs; i++) {
    for (const [name, url] of Object.entries(pages)) {
      // A run Lighthouse itself gives up on (e.g. NO_NAVSTART, a trace it
      // could not record) is repeated, up to twice, and reported.
      for (let attempt = 1; ; attempt++) {
        const started = Date.now();
        const chrome = await launcher.launch({ chromePath: CHROME_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
        let s;
        try {
          const r = await lighthouse(url, { port: chrome.port, logLevel: 'error', output: 'json', onlyCategories: CATEGORIES, ...flags });
          s = summarize(r.lhr);
        } catch (e) {
          s = { error: e.message };
        } finally {
          await chrome.kill();
        }
        const failed = s.error || s.performance == null || s.lcp == null;
        log(
          `lighthouse ${name} run ${i}/${runs}: ` +
            (failed ? `ERROR ${s.error || 'no performance score'}` : `perf ${s.performance} LCP ${Math.round(s.lcp)} ms`) +
            ` (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
        if (!failed) {
          results[name].runs.push(s);
          break;
        }
        results[name].repeated = [...(results[name].repeated || []), s.error || 'no performance score'];
        if (attempt === 3) throw new Error(`Lighthouse failed 3 times on ${url}: ${s.error}`);
      }
    }
  }
  for (const r of Object.values(results)) {
    r.median = {};
    for (const k of [...CATEGORIES, ...Object.keys(METRICS), 'benchmarkIndex']) r.median[k] = median(r.runs.map((x) => x[k]));
    r.failedAudits = Object.assign({}, ...r.runs.map((x) => x.failed));
    r.erroredAudits = [...new Set(r.runs.flatMap((x) => x.erroredAudits))];
    r.warnings = [...new Set(r.runs.flatMap((x) => x.warnings))];
    r.repeated = r.repeated || [];
  }
  return results;
}
