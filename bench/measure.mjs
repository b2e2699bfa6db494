// What the browser does, measured over CDP in a phone-sized viewport
// (Lighthouse's Moto G Power metrics) at this machine's full CPU speed:
// the requests of a first visit, the main thread while the ticker rolls, and
// memory over in-app navigations.

import { extname } from 'node:path';
import { sleep } from './cdp.mjs';
import { resolveFile } from './server.mjs';
import { sizesOf } from './sizes.mjs';

const MOUNTED = `document.documentElement.dataset.app === 'mounted'`;

const KINDS = {
  '.html': 'HTML',
  '.js': 'JS',
  '.wasm': 'wasm',
  '.css': 'CSS',
  '.json': 'JSON',
  '.svg': 'image',
  '.png': 'image',
  '.jpg': 'image',
  '.webp': 'image',
};

/** In the page from its first script on: paint timings and layout shifts as the page itself observes them. */
const VITALS = `(() => {
  const v = (window.__benchVitals = { cls: 0, shifts: [], lcp: null });
  const describe = (n) => !n ? '?' : n.nodeType !== 1 ? n.nodeName :
    n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') +
    (typeof n.className === 'string' && n.className.trim() ? '.' + n.className.trim().split(/\\s+/).join('.') : '');
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.hadRecentInput) v.cls += e.value;
      v.shifts.push({ value: e.value, at: e.startTime, input: e.hadRecentInput, sources: (e.sources || []).map((s) => describe(s.node)) });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    const e = list.getEntries().at(-1);
    v.lcp = { at: e.startTime, element: describe(e.element), size: e.size };
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new MutationObserver(() => {
    if (v.mountedAt == null && document.documentElement?.dataset.app === 'mounted') v.mountedAt = performance.now();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-app'] });
})();`;

/**
 * Every request of a first visit to `path` (fresh browser context: empty
 * cache and storage) until the app has mounted, the network has been
 * quiet for 1.5 s and 5 s have passed, with the raw, gzip and brotli sizes of the file each one
 * was answered with and the bytes that actually crossed the wire.
 */
export async function firstLoad(browser, { origin, root, extras }, path, { app = true } = {}) {
  const page = await browser.newPage();
  await page.emulatePhone();
  const requests = new Map();
  const inflight = new Set();
  let lastActivity = Date.now();
  const off = page.on((method, p) => {
    if (method === 'Network.requestWillBeSent' && !p.request.url.startsWith('data:')) {
      requests.set(p.requestId, { url: p.request.url, type: p.type });
      inflight.add(p.requestId);
    } else if (method === 'Network.responseReceived' && requests.has(p.requestId)) {
      const h = Object.fromEntries(Object.entries(p.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
      Object.assign(requests.get(p.requestId), {
        status: p.response.status,
        encoding: h['content-encoding'] || 'identity',
      });
    } else if (method === 'Network.loadingFinished' && requests.has(p.requestId)) {
      requests.get(p.requestId).wire = p.encodedDataLength;
      inflight.delete(p.requestId);
    } else if (method === 'Network.loadingFailed' && requests.has(p.requestId)) {
      requests.get(p.requestId).failed = p.errorText;
      inflight.delete(p.requestId);
    } else return;
    lastActivity = Date.now();
  });
  await page.send('Network.enable');
  await page.send('Page.enable');
  await page.send('Page.addScriptToEvaluateOnNewDocument', { source: VITALS });
  const navigated = Date.now();
  await page.goto(origin + path);
  if (app) await page.waitFor(MOUNTED, `${path} to mount`);
  // At least 5 s: the popup notice opens after the main content has painted.
  const end = Date.now() + 30000;
  while ((inflight.size > 0 || Date.now() - lastActivity < 1500 || Date.now() - navigated < 5000) && Date.now() < end) await sleep(100);
  off();
  const vitals = await page.evaluate(`({
    ...window.__benchVitals,
    fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
    mounted: document.documentElement.dataset.app === 'mounted',
  })`);
  await page.close();

  const byUrl = new Map();
  for (const r of requests.values()) {
    const u = new URL(r.url);
    const key = u.pathname + u.search;
    if (byUrl.has(key)) {
      byUrl.get(key).count++;
      byUrl.get(key).wire += r.wire || 0;
      continue;
    }
    const { file } = u.origin === origin ? resolveFile(root, u.pathname, extras) : { file: null };
    const sizes = file ? sizesOf(file) : { raw: 0, gzip: 0, brotli: 0 };
    const kind = r.type === 'Document' ? 'HTML' : KINDS[extname(file || u.pathname)] || 'other';
    byUrl.set(key, { path: key, kind, status: r.status, encoding: r.encoding, wire: r.wire || 0, count: 1, failed: r.failed, ...sizes });
  }
  return { requests: [...byUrl.values()], vitals };
}

/**
 * Main-thread time per second on `/` while the ticker rolls: the change in
 * Chromium's `TaskDuration` (all tasks on the page's main thread) over 10 s,
 * after the belt's CSS animation is running and 2 s of settling; then the
 * same with the CPU slowed 4x, and with the belt paused (the baseline of
 * everything else on the page).
 */
export async function tickerBusy(browser, { origin }, seconds = 10, slowdown = 4) {
  const page = await browser.newPage();
  await page.emulatePhone();
  await page.send('Performance.enable', { timeDomain: 'timeTicks' });
  await page.goto(origin + '/');
  await page.waitFor(
    `${MOUNTED} && document.querySelectorAll('.ticker__belt .ticker__item').length > 0 &&
     document.getAnimations().some((a) => a.playState === 'running')`,
    'the ticker to roll',
  );
  const measureWindow = async () => {
    await sleep(2000);
    const a = await page.metrics();
    await sleep(seconds * 1000);
    const b = await page.metrics();
    const span = b.Timestamp - a.Timestamp;
    const perSec = (name) => ((b[name] - a[name]) * 1000) / span;
    const state = await page.evaluate(`({
      running: document.getAnimations().filter((a) => a.playState === 'running').length,
      stations: document.querySelectorAll('.ticker__track:not(.ticker__track--copy) .ticker__item').length,
      duration: getComputedStyle(document.querySelector('.ticker__belt')).animationDuration,
      visibility: document.visibilityState,
    })`);
    return {
      seconds: span,
      busy: perSec('TaskDuration'),
      script: perSec('ScriptDuration'),
      style: perSec('RecalcStyleDuration'),
      layout: perSec('LayoutDuration'),
      ...state,
    };
  };
  const rolling = await measureWindow();
  // A phone's CPU: the calibrated slowdown, as Lighthouse's runs.
  await page.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  const slowed = await measureWindow();
  await page.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  // The same page with the belt paused by its own button, for comparison.
  await page.evaluate(`document.querySelector('.ticker__toggle').click()`);
  await page.waitFor(`!document.getAnimations().some((a) => a.playState === 'running')`, 'the ticker to pause');
  const paused = await measureWindow();
  await page.close();
  return { ...rolling, slowed, paused };
}

/** In the page: clicks `n` links to other articles, one after another, each time waiting until the story is on screen. */
async function navigateArticles(n) {
  const pause = (ms) => new Promise((r) => setTimeout(r, ms));
  window.__benchSameDocument = true;
  const started = performance.now();
  const visited = new Set();
  for (let i = 0; i < n; i++) {
    const here = location.pathname;
    const links = [...document.querySelectorAll('main a[href^="/article/"]')].filter((a) => a.getAttribute('href') !== here);
    if (!links.length) throw new Error(`no link to another article on ${here}`);
    const link = links[i % links.length];
    const href = link.getAttribute('href');
    const title = link.textContent.trim();
    link.click();
    const t = performance.now();
    while (
      !(
        location.pathname === href &&
        document.querySelector('#story-title')?.textContent.trim() === title &&
        document.querySelector('.article-layout__side a[href^="/article/"]')
      )
    ) {
      if (performance.now() - t > 15000) throw new Error(`${href} did not render after a click`);
      await pause(5);
    }
    visited.add(href);
  }
  return {
    ms: performance.now() - started,
    articles: visited.size,
    sameDocument: window.__benchSameDocument === true && performance.getEntriesByType('navigation').length === 1,
  };
}

/**
 * JS heap (after two forced garbage collections) plus the wasm instance's
 * linear memory, after the first view of `/article/<id>` and after `n`
 * in-app navigations between articles.
 */
export async function memory(browser, { origin }, id, n = 100) {
  const page = await browser.newPage();
  await page.emulatePhone();
  await page.send('Page.enable');
  await page.send('Performance.enable');
  // Trunk's loader announces the wasm exports (with `memory`) in this event.
  await page.send('Page.addScriptToEvaluateOnNewDocument', {
    source: `addEventListener('TrunkApplicationStarted', (e) => { window.__benchWasm = e.detail && e.detail.wasm; });`,
  });
  const snapshot = async () => {
    await sleep(1000);
    await page.send('HeapProfiler.collectGarbage');
    await page.send('HeapProfiler.collectGarbage');
    const heap = await page.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(`window.__benchWasm?.memory?.buffer?.byteLength ?? null`);
    const m = await page.metrics();
    return { heap: heap.usedSize, wasm, total: heap.usedSize + (wasm || 0), nodes: m.Nodes, listeners: m.JSEventListeners };
  };
  await page.goto(`${origin}/article/${id}`);
  await page.waitFor(
    `${MOUNTED} && document.querySelector('#story-title') && document.querySelector('.article-layout__side a[href^="/article/"]')`,
    'the first article view',
  );
  const first = await snapshot();
  const run = await page.evaluate(`(${navigateArticles.toString()})(${n})`, 600000);
  const after = await snapshot();
  await page.close();
  return { first, after, growth: after.total - first.total, navigations: n, ...run };
}

/** Which part of the main thread's work a trace event (or its nearest classified ancestor) is. */
const WORK = [
  ['wasm compile', /^(wasm\.|v8\.wasm\.)/],
  ['style & layout', /Layout|UpdateLayoutTree|RecalcStyle|Style\.UpdateTime|updateStyle|ShapeText/],
  ['paint', /^(Paint|PrePaint|Commit|Layerize|UpdateLayer|RasterTask)/],
  ['parse HTML', /^(ParseHTML|HTMLDocumentParser)/],
  ['garbage collection', /GC|Scavenge|MarkCompact/],
  ['script', /^(FunctionCall|v8\.callFunction|EvaluateScript|v8\.run|v8\.compile|RunMicrotasks|TimerFire|FireAnimationFrame|EventDispatch|v8\.evaluateModule)/],
];

/**
 * The long tasks (over 50 ms) of a first load of `path` from first paint
 * on, with the CPU slowed 4x as in Lighthouse's mobile preset, each split
 * into the kinds of work it did (self time of the trace events, classified
 * by the event or its nearest classified ancestor): what TBT is made of.
 */
export async function longTasks(browser, site, path, slowdown = 4, runs = 1) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await longTasksOnce(browser, site, path, slowdown));
  // The run with the median time over 50 ms stands for all; every run's is kept.
  const sorted = [...all].sort((a, b) => a.blocking - b.blocking);
  return { ...sorted[(sorted.length - 1) >> 1], runs: all.map((r) => Math.round(r.blocking)) };
}

async function longTasksOnce(browser, { origin }, path, slowdown) {
  const page = await browser.newPage();
  await page.emulatePhone();
  await page.send('Page.enable');
  await page.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  const events = [];
  let complete;
  const completed = new Promise((resolve) => (complete = resolve));
  const off = page.on((method, p) => {
    if (method === 'Tracing.dataCollected') events.push(...p.value);
    else if (method === 'Tracing.tracingComplete') complete();
  });
  await page.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.wasm,v8.execute,blink,toplevel',
    transferMode: 'ReportEvents',
  });
  await page.goto(origin + path);
  await page.waitFor(MOUNTED, `${path} to mount`, 60000);
  await sleep(5000);
  await page.send('Tracing.end');
  await completed;
  off();
  await page.close();

  const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const main = events
    .filter((e) => e.ph === 'X' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const fcp = events.find((e) => e.name === 'firstContentfulPaint' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
  const navigation = events.find((e) => e.name === 'navigationStart' && threads.get(`${e.pid}:${e.tid}`) === 'CrRendererMain');
  const origin0 = navigation?.ts ?? main[0]?.ts ?? 0;
  const tasks = [];
  // Nesting by time: a stack of open events; each event's self time goes to
  // the class of the nearest classified event on the stack (itself first).
  const stack = [];
  for (const e of main) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    const kind = WORK.find(([, re]) => re.test(e.name))?.[0] ?? stack.at(-1)?.kind ?? 'other';
    const parent = stack.at(-1);
    const node = { ts: e.ts, dur: e.dur, kind, self: e.dur };
    if (parent) {
      parent.self -= e.dur;
      node.task = parent.task;
    } else if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
      node.task = { at: (e.ts - origin0) / 1000, ms: e.dur / 1000, work: {} };
      tasks.push(node.task);
    }
    stack.push(node);
    // Self time is final once the event closes; account for it lazily below.
    node.finish = () => node.task && (node.task.work[node.kind] = (node.task.work[node.kind] || 0) + node.self / 1000);
    e.node = node;
  }
  for (const e of main) e.node.finish();
  const after = fcp ? (fcp.ts - origin0) / 1000 : 0;
  const long = tasks.filter((t) => t.ms > 50 && t.at >= after);
  // All the main thread's work from first paint on, long tasks or not.
  const work = {};
  for (const t of tasks.filter((t) => t.at >= after)) {
    for (const [kind, ms] of Object.entries(t.work)) work[kind] = (work[kind] || 0) + ms;
  }
  return {
    fcp: after,
    work,
    tasks: long.map((t) => ({ ...t, work: Object.fromEntries(Object.entries(t.work).filter(([, ms]) => ms >= 1).sort((a, b) => b[1] - a[1])) })),
    blocking: long.reduce((sum, t) => sum + t.ms - 50, 0),
  };
}
