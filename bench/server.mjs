// A static host that behaves like the production hosts in README.md
// ("Deployment"): files from the build directory with their content types,
// a directory's `index.html` (the prerendered `/article/<id>`), the app's
// `index.html` for other extension-less paths and the old CMS addresses, a
// real 404 for any other missing file (`/api/x.json`), the headers of the
// build's `_headers` file on every answer, and brotli or gzip
// content-encoding as the browser asks (brotli first), compressed once at
// start-up like a CDN's cache. Hashed assets are cached for a year, the rest
// revalidated.
//
//   node bench/server.mjs DIST [--port 8090] [--encoding br|gzip|identity]
//                              [--extra /url/path=/file/path ...]

import { createServer } from 'node:http';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import zlib from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ico': 'image/x-icon',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.xml', '.txt']);
const LEGACY_PATHS = new Set(['/news/articleView.html', '/bbs/board.php']);
// Trunk's 64-bit hash in hex without leading zeros: 1 to 16 digits.
const HASHED = /-[0-9a-f]{1,16}(_bg)?\.(js|wasm|css)$/;

/** The `/*` block of a Netlify-style `_headers` file as `[name, value]` pairs. */
export function siteHeaders(root) {
  const file = join(root, '_headers');
  if (!existsSync(file)) return [];
  const out = [];
  let inBlock = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!/^\s/.test(line)) {
      inBlock = line.trim() === '/*';
      continue;
    }
    const m = inBlock && line.trim().match(/^([^:]+):\s*(.*)$/);
    if (m) out.push([m[1], m[2]]);
  }
  return out;
}

const isFile = (p) => existsSync(p) && statSync(p).isFile();

/**
 * The file a production host answers `pathname` with and its status:
 * `{ file, status }`, `file` null for a bare 404. `extras` maps URL paths to
 * files outside the build (the static rendition).
 */
export function resolveFile(root, pathname, extras = {}) {
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return { file: null, status: 400 };
  }
  if (extras[path]) return { file: extras[path], status: 200 };
  const target = normalize(join(root, path));
  if (target !== root && !target.startsWith(root + sep)) return { file: null, status: 404 };
  if (isFile(target)) return { file: target, status: 200 };
  if (isFile(join(target, 'index.html'))) return { file: join(target, 'index.html'), status: 200 };
  const last = path.split('/').pop();
  if (!last.includes('.') || LEGACY_PATHS.has(path)) return { file: join(root, 'index.html'), status: 200 };
  return { file: null, status: 404 };
}

function compress(buf, encoding) {
  if (encoding === 'br') {
    return zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    });
  }
  return zlib.gzipSync(buf, { level: 9 });
}

function walk(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/**
 * Starts the host; resolves to `{ origin, close(), stats }` where `stats`
 * counts answers per content-encoding.
 */
export function startServer({ root, port = 0, encoding = 'br', extras = {} }) {
  root = resolve(root);
  const headers = siteHeaders(root);
  const compressed = new Map();
  const stats = {};
  const encoded = (file, enc) => {
    const key = `${enc}:${file}`;
    if (!compressed.has(key)) compressed.set(key, compress(readFileSync(file), enc));
    return compressed.get(key);
  };
  // Compress everything up front so no measured request pays for it.
  if (encoding !== 'identity') {
    for (const file of [...walk(root), ...Object.values(extras)]) {
      if (COMPRESSIBLE.has(extname(file))) {
        encoded(file, 'gzip');
        if (encoding === 'br') encoded(file, 'br');
      }
    }
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://host');
    for (const [name, value] of headers) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const { file, status } = resolveFile(root, url.pathname, extras);
    if (!file) {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(status === 404 ? 'Not found\n' : '');
      return;
    }
    const ext = extname(file);
    let body = readFileSync(file);
    let contentEncoding = 'identity';
    const accepts = String(req.headers['accept-encoding'] || '');
    if (COMPRESSIBLE.has(ext) && encoding !== 'identity') {
      if (encoding === 'br' && /\bbr\b/.test(accepts)) contentEncoding = 'br';
      else if (/\bgzip\b/.test(accepts)) contentEncoding = 'gzip';
      if (contentEncoding !== 'identity') body = encoded(file, contentEncoding);
      res.setHeader('Vary', 'Accept-Encoding');
    }
    stats[contentEncoding] = (stats[contentEncoding] || 0) + 1;
    if (contentEncoding !== 'identity') res.setHeader('Content-Encoding', contentEncoding);
    res.setHeader('Content-Type', TYPES[ext] || 'application/octet-stream');
    res.setHeader('Content-Length', body.length);
    res.setHeader(
      'Cache-Control',
      HASHED.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
    );
    res.writeHead(status);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      ok({
        origin: `http://127.0.0.1:${server.address().port}`,
        stats,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opts = { root: 'dist', port: 8090, encoding: 'br', extras: {} };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') opts.port = Number(args[++i]);
    else if (args[i] === '--encoding') opts.encoding = args[++i];
    else if (args[i] === '--extra') {
      const [url, file] = args[++i].split('=');
      opts.extras[url] = resolve(file);
    } else opts.root = args[i];
  }
  const { origin } = await startServer(opts);
  console.log(`serving ${resolve(opts.root)} at ${origin} (${opts.encoding})`);
}
