// Added by the page's loader once the page has painted (xtask/src/loader.rs).
// The page's `default` Trusted Types policy, closed: exactly the HTML of
// the app's static view parts (read from its wasm by the build), script
// text only when it is JSON (the JSON-LD head tag: Firefox and WebKit
// check a script element's text when it is inserted, whatever its type;
// JSON run as a script has no effect) and Kakao's SDK where the page
// configures KakaoTalk sharing; every other string is refused (and
// reported).
const html = new Set(__INERT_HTML__);
const scripts = document.querySelector('meta[name=kakao-app-key]')?.content.trim() ? ['__KAKAO_SDK__'] : [];
window.trustedTypes?.createPolicy('default', {
  createHTML: (text) => html.has(text) ? text : null,
  createScript: (text) => { try { JSON.parse(text); return text; } catch { return null; } },
  createScriptURL: (url) => scripts.includes(url) ? url : null,
});
try {
  // The page's import map gives the glue's integrity hash: a changed glue
  // fails this import.
  const [bindings, response] = await Promise.all([
    import('__GLUE__'),
    fetch('__WASM__', { integrity: '__WASM_INTEGRITY__' }),
  ]);
  const module = response.headers.get('Content-Type')?.startsWith('application/wasm')
    ? await WebAssembly.compileStreaming(response)
    : await WebAssembly.compile(await response.arrayBuffer());
  await new Promise((next) => setTimeout(next));
  const wasm = await bindings.default({ module_or_path: module });
  window.wasmBindings = bindings;
  // The app's memory, for reading its size from the page (tests, support).
  window.wasmMemory = wasm.memory;
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (error) {
  // A glue or wasm that fails its integrity check, cannot be fetched or
  // traps while starting: the page stays as rendered and asks for a reload.
  console.error('the app could not start:', error);
  document.getElementById('crash')?.removeAttribute('hidden');
}
