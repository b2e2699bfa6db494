
// Leptos's hydration reads these (filled only by a server that streams).
window.__RESOLVED_RESOURCES = []; window.__SERIALIZED_ERRORS = []; window.__INCOMPLETE_CHUNKS = [];
const crash = () => document.getElementById('crash')?.removeAttribute('hidden');
const crashed = (event) => {
  if ((event.error ?? event.reason)?.name === 'RuntimeError') crash();
};
addEventListener('error', crashed);
addEventListener('unhandledrejection', crashed);
// The page's one Trusted Types policy (see xtask/src/loader.rs).
const scripts = ['__START__'];
if (document.querySelector('meta[name=kakao-app-key]')?.content.trim()) scripts.push('__KAKAO_SDK__');
window.trustedTypes?.createPolicy('default', {
  createHTML: (html) => /<(script|iframe|frame|object|embed|base)\b|\son[a-z]+\s*=|javascript:/i.test(html) ? null : html,
  createScript: (text) => { try { JSON.parse(text); return text; } catch { return null; } },
  createScriptURL: (url) => scripts.includes(url) ? url : null,
});
const start = () => {
  const module = document.createElement('script');
  module.type = 'module';
  module.integrity = '__START_INTEGRITY__';
  module.src = '__START__';
  // The start module or the glue it imports could not be fetched or
  // failed its integrity check.
  module.onerror = () => {
    console.error('the app could not start: __START__ did not load');
    crash();
  };
  document.head.append(module);
};
new Promise((ready) => {
  let painted = !PerformanceObserver.supportedEntryTypes?.includes('largest-contentful-paint');
  let loaded = false;
  const check = () => painted && loaded && ready();
  if (!painted) new PerformanceObserver(() => { painted = true; check(); }).observe({ type: 'largest-contentful-paint', buffered: true });
  const afterLoad = () => requestAnimationFrame(() => setTimeout(() => { loaded = true; check(); }));
  if (document.readyState === 'complete') afterLoad(); else addEventListener('load', afterLoad, { once: true });
  setTimeout(ready, 3000);
}).then(start);
