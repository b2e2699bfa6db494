// Headless Debian Chromium driven over the Chrome DevTools Protocol: a
// WebSocket and JSON messages, nothing more (the `ws` package that
// Lighthouse installs into the tools folder).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

export const TOOLS = process.env.GAZETTE_TOOLS || join(homedir(), '.cache/gazette-tools');
export const CHROME_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';
/** Root needs no sandbox; this machine has no internet (../shared/notes/toolchain.md). */
export const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--no-default-browser-check',
  '--mute-audio',
];
/** The phone Lighthouse's mobile preset emulates (Moto G Power). */
export const PHONE = { width: 412, height: 823, deviceScaleFactor: 1.75, mobile: true };

const require = createRequire(join(TOOLS, 'node_modules', 'bench.cjs'));
const WebSocket = require('ws');

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, check, timeoutMs) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

export class Browser {
  static async launch(extraFlags = []) {
    const profile = mkdtempSync(join(tmpdir(), 'gazette-bench-chrome-'));
    const proc = spawn(
      CHROME_PATH,
      [...CHROME_FLAGS, ...extraFlags, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
      { stdio: 'ignore' },
    );
    const portFile = join(profile, 'DevToolsActivePort');
    const [port, path] = await until(
      'Chromium to start',
      () => existsSync(portFile) && readFileSync(portFile, 'utf8').trim().split('\n').length === 2 && readFileSync(portFile, 'utf8').trim().split('\n'),
      30000,
    );
    const ws = new WebSocket(`ws://127.0.0.1:${port}${path}`, { perMessageDeflate: false, maxPayload: 1 << 30 });
    await new Promise((ok, fail) => {
      ws.once('open', ok);
      ws.once('error', fail);
    });
    return new Browser(ws, proc, profile);
  }

  constructor(ws, proc, profile) {
    this.ws = ws;
    this.proc = proc;
    this.profile = profile;
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    ws.on('message', (data) => {
      const msg = JSON.parse(data.toString());
      if (msg.id && this.pending.has(msg.id)) {
        const { ok, fail, method } = this.pending.get(msg.id);
        this.pending.delete(msg.id);
        if (msg.error) fail(new Error(`${method}: ${msg.error.message}`));
        else ok(msg.result);
      } else if (msg.method) {
        for (const l of this.listeners) l(msg);
      }
    });
  }

  send(method, params = {}, sessionId, timeoutMs = 120000) {
    const id = this.nextId++;
    this.ws.send(JSON.stringify({ id, method, params, sessionId }));
    return new Promise((ok, fail) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        fail(new Error(`${method}: no answer in ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, {
        method,
        ok: (v) => (clearTimeout(timer), ok(v)),
        fail: (e) => (clearTimeout(timer), fail(e)),
      });
    });
  }

  /** A tab in a fresh browser context (empty cache, cookies and storage). */
  async newPage() {
    const { browserContextId } = await this.send('Target.createBrowserContext', { disposeOnDetach: true });
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    return new Page(this, sessionId, targetId, browserContextId);
  }

  async close() {
    try {
      await this.send('Browser.close', {}, undefined, 5000);
    } catch {
      // already gone
    }
    this.ws.close();
    if (this.proc.exitCode === null) this.proc.kill('SIGKILL');
    await sleep(200);
    rmSync(this.profile, { recursive: true, force: true });
  }
}

export class Page {
  constructor(browser, sessionId, targetId, contextId) {
    Object.assign(this, { browser, sessionId, targetId, contextId });
  }

  send(method, params, timeoutMs) {
    return this.browser.send(method, params, this.sessionId, timeoutMs);
  }

  /** Calls `handler(method, params)` for this tab's events; returns an unsubscribe. */
  on(handler) {
    const l = (msg) => msg.sessionId === this.sessionId && handler(msg.method, msg.params);
    this.browser.listeners.add(l);
    return () => this.browser.listeners.delete(l);
  }

  async emulatePhone() {
    await this.send('Emulation.setDeviceMetricsOverride', PHONE);
    await this.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 });
  }

  async evaluate(expression, timeoutMs = 120000) {
    const r = await this.send(
      'Runtime.evaluate',
      { expression, awaitPromise: true, returnByValue: true },
      timeoutMs,
    );
    if (r.exceptionDetails) {
      const d = r.exceptionDetails;
      throw new Error(`page: ${d.exception?.description || d.text}`);
    }
    return r.result.value;
  }

  /** Waits until `expression` is truthy in the page. */
  async waitFor(expression, what, timeoutMs = 30000) {
    const end = Date.now() + timeoutMs;
    for (;;) {
      let v;
      try {
        v = await this.evaluate(expression);
      } catch {
        v = false; // between documents
      }
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }

  async goto(url) {
    await this.send('Page.enable');
    const loaded = new Promise((ok) => {
      const off = this.on((m) => m === 'Page.loadEventFired' && (off(), ok()));
    });
    await this.send('Page.navigate', { url });
    await Promise.race([loaded, sleep(30000)]);
  }

  async metrics() {
    const { metrics } = await this.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  }

  async close() {
    await this.browser.send('Target.closeTarget', { targetId: this.targetId }).catch(() => {});
    await this.browser.send('Target.disposeBrowserContext', { browserContextId: this.contextId }).catch(() => {});
  }
}
