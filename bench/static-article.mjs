// The limit the app is compared with: the same article as plain server HTML,
// what the PHP page it replaces paints, with no script at all. Made from the
// sample backend's documents and linked to the build's own stylesheets (the
// same files, in the same order as the app's index.html), using the app's
// element classes so the same CSS lays it out the same way: masthead and
// date line, the story with its figure, the latest list and the footer. Left
// out because they need the app: the weather ticker, the notice button and
// the story tools (font size, print, share).
//
//   node bench/static-article.mjs DIST API_DIR ID OUT_FILE

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const esc = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** `2025.12.08 14:30` in Korea time, as the app's `kst::date_time`. */
function kstParts(iso) {
  const d = new Date(new Date(iso).getTime() + 9 * 3600 * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return {
    date: `${d.getUTCFullYear()}.${p(d.getUTCMonth() + 1)}.${p(d.getUTCDate())}`,
    time: `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`,
    weekday: '일월화수목금토'[d.getUTCDay()],
    iso: `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}+09:00`,
  };
}
const dateTime = (iso) => {
  const k = kstParts(iso);
  return `<time datetime="${k.iso}">${k.date} ${k.time}</time>`;
};

function block(b, first) {
  switch (b.type) {
    case 'paragraph':
      return `<p>${esc(b.text)}</p>`;
    case 'heading':
      return `<h2 class="story__subhead">${esc(b.text)}</h2>`;
    case 'quote':
      return `<blockquote class="story__quote"><p>${esc(b.text)}</p>${b.cite ? `<footer>— ${esc(b.cite)}</footer>` : ''}</blockquote>`;
    case 'image': {
      const sized = b.width && b.height;
      const size = sized ? ` width="${b.width}" height="${b.height}"` : '';
      const load = first ? 'loading="eager" fetchpriority="high"' : 'loading="lazy"';
      const caption =
        b.caption || b.credit
          ? `<figcaption>${esc(b.caption || '')}${b.credit ? `<span class="story__credit">${esc(b.credit)}</span>` : ''}</figcaption>`
          : '';
      return `<figure class="story__figure"><img src="${esc(b.src)}" alt="${esc(b.alt)}"${size}${sized ? '' : ' class="unsized"'} ${load} decoding="async">${caption}</figure>`;
    }
    default:
      return '';
  }
}

export function staticArticle({ dist, apiDir, id, now = new Date() }) {
  const shell = readFileSync(join(dist, 'index.html'), 'utf8');
  const stylesheets = [...shell.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)].map((m) => m[0]);
  const site = (shell.match(/<meta name="site-name" content="([^"]*)"/) || [])[1] || '한빛일보';
  const a = JSON.parse(readFileSync(join(apiDir, 'articles', `${id}.json`), 'utf8'));
  const list = JSON.parse(readFileSync(join(apiDir, 'articles.json'), 'utf8'));
  const today = kstParts(now.toISOString());
  let first = true;
  const body = a.body
    .map((b) => {
      const html = block(b, b.type === 'image' && first);
      if (b.type === 'image') first = false;
      return html;
    })
    .join('');
  const latest = list.articles
    .filter((s) => s.id !== a.id)
    .slice(0, 10)
    .map(
      (s) =>
        `<li class="card"><div class="card__text"><h3 class="card__title"><a href="/article/${esc(s.id)}">${esc(s.title)}</a></h3>` +
        `<p class="card__meta">${s.section ? `<span class="card__section">${esc(s.section)}</span>` : ''}${dateTime(s.published_at)}</p></div></li>`,
    )
    .join('');
  const description = a.subtitle || (a.body.find((b) => b.type === 'paragraph') || {}).text || '';
  const updated =
    a.updated_at && new Date(a.updated_at) > new Date(a.published_at)
      ? `<span class="story__time">수정 ${dateTime(a.updated_at)}</span>`
      : '';
  return `<!doctype html>
<html lang="ko">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${esc(a.title)} | ${esc(site)}</title>
  <meta name="description" content="${esc(description)}">
  <meta name="color-scheme" content="light dark">
  <meta name="theme-color" content="#0b4f8a">
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  ${stylesheets.join('\n  ')}
</head>
<body>
<div id="app"><a class="skip-link" href="#main">본문 바로가기</a><header class="site-header"><div class="masthead"><a href="/" class="masthead__name">${esc(site)}</a><p class="date-line"><time datetime="${today.iso.slice(0, 10)}">${today.date} (${today.weekday})</time></p></div></header><main id="main" tabindex="-1"><div class="article-layout"><div class="article-layout__main"><article class="story" aria-labelledby="story-title" data-font="normal"><header class="story__header">${a.section ? `<p class="story__section">${esc(a.section)}</p>` : ''}<h1 id="story-title" class="story__title">${esc(a.title)}</h1>${a.subtitle ? `<p class="story__subtitle">${esc(a.subtitle)}</p>` : ''}<div class="story__byline">${a.author ? `<span class="story__author">${esc(a.author.name)} 기자${a.author.email ? `<span class="story__email">${esc(a.author.email)}</span>` : ''}</span>` : ''}<span class="story__time">입력 ${dateTime(a.published_at)}</span>${updated}</div></header><div class="story__body">${body}</div>${a.tags && a.tags.length ? `<ul class="story__tags" aria-label="태그">${a.tags.map((t) => `<li>#${esc(t)}</li>`).join('')}</ul>` : ''}</article></div><aside class="article-layout__side" aria-labelledby="side-latest"><h2 id="side-latest" class="section-heading">최신 기사</h2><ul class="article-list article-list--compact">${latest}</ul></aside></div></main><footer class="site-footer"><p class="site-footer__name">© ${esc(site)}</p></footer></div>
</body>
</html>
`;
}

export function writeStaticArticle(opts, out) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, staticArticle(opts));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dist, apiDir, id, out] = process.argv.slice(2);
  if (!out) {
    console.error('usage: node bench/static-article.mjs DIST API_DIR ID OUT_FILE');
    process.exit(2);
  }
  console.log(writeStaticArticle({ dist, apiDir, id }, out));
}
