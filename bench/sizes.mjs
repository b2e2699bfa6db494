// Raw, gzip and brotli sizes of a file: the `gzip -9` and `brotli -q 11`
// command-line tools when they are installed, else Node's zlib at the same
// levels (the sizes differ by a few bytes at most).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import zlib from 'node:zlib';

function hasTool(name) {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const cli = { gzip: hasTool('gzip'), brotli: hasTool('brotli') };

export const method = {
  gzip: cli.gzip ? 'gzip -9 (CLI)' : 'zlib gzip level 9 (Node)',
  brotli: cli.brotli ? 'brotli -q 11 (CLI)' : 'zlib brotli quality 11 (Node)',
};

const cache = new Map();

function gzipSize(buf) {
  if (cli.gzip) return execFileSync('gzip', ['-9', '-n', '-c'], { input: buf, maxBuffer: 1 << 28 }).length;
  return zlib.gzipSync(buf, { level: 9 }).length;
}

function brotliSize(buf) {
  if (cli.brotli) return execFileSync('brotli', ['-q', '11', '-c'], { input: buf, maxBuffer: 1 << 28 }).length;
  return zlib.brotliCompressSync(buf, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  }).length;
}

/** `{ raw, gzip, brotli }` in bytes for the file at `path`. */
export function sizesOf(path) {
  if (!cache.has(path)) {
    const buf = readFileSync(path);
    cache.set(path, { raw: buf.length, gzip: gzipSize(buf), brotli: brotliSize(buf) });
  }
  return cache.get(path);
}
