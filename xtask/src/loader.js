
// Leptos's hydration reads these (filled only by a server that streams).
window.__RESOLVED_RESOURCES = []; window.__SERIALIZED_ERRORS = []; window.__INCOMPLETE_CHUNKS = [];
const crash = () => document.getElementById('crash')?.removeAttribute('hidden');
const crashed = (event) => {
  if ((event.error ?? event.reason)?.name === 'RuntimeError') crash();
};
addEventListener('error', crashed);
addEventListener('unhandledrejection', crashed);
// The loader's own Trusted Types policy: the start module's URL, nothing
// else. The start module makes the page's `default` policy (loader.rs).
const policy = window.trustedTypes?.createPolicy('gazette-loader', {
  createScriptURL: (url) => url === '__START__' ? url : null,
});
const start = () => {
  const module = document.createElement('script');
  module.type = 'module';
  module.integrity = '__START_INTEGRITY__';
  module.src = policy ? policy.createScriptURL('__START__') : '__START__';
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
