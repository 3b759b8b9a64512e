/**
 * Saved web pages read through the reader view (formats/webPage.ts) with the tag-level cleaning
 * as fallback. Every page here is invented for the test.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseSourceDocument } from '../../src/engine/corpus/document';
import type { ParsedSource } from '../../src/engine/corpus/document';
import { htmlToText } from '../../src/engine/corpus/html';
import { keepMainContent } from '../../src/engine/corpus/mainContent';
import { htmlFormat, readWebPage, tagShape } from '../../src/engine/corpus/formats/webPage';

// The modules themselves, not import namespaces, so their functions can be swapped for recorders.
const nodeRequire = createRequire(__filename);
const http = nodeRequire('node:http') as typeof import('node:http');
const https = nodeRequire('node:https') as typeof import('node:https');
const net = nodeRequire('node:net') as typeof import('node:net');

const HEADLINE = 'Eastmere opens its new flood barrier after four years of work';
const ARTICLE_SENTENCES = [
  'The town of Eastmere opened its new flood barrier on Tuesday, four years after the first concrete was poured along the River Lune.',
  'The barrier cost 48 million pounds and protects about 3,200 homes from the kind of floods that hit the town in 2019.',
  'Engineers tested the twelve steel gates for the last time on Monday evening, raising each of them to its full height of six metres in under ten minutes.',
  'The county council said the gates would be raised whenever the river rises above four metres at the harbour gauge.',
  'Residents who were flooded in 2019 welcomed the opening but said the town still needed better drainage in its older streets.',
  'Mary Okafor, who runs a bakery on Quay Street, said her shop had been closed for five months after the last flood.',
  'The Environment Agency expects the barrier to last at least a hundred years with regular maintenance.',
  'A second phase, which would raise the embankment north of the railway bridge, is planned to start in 2027 if funding is approved.',
];
/** Furniture written as real sentences, so that only knowing where the article is can drop it. */
const FURNITURE_SENTENCES = [
  'Harbour traders warn that parking charges are driving visitors away from the seafront.',
  'Council approves a new budget for the swimming pool after a long debate on Thursday night.',
  'I have lived in Eastmere for thirty years and I will believe the barrier works when I see it hold back a real flood.',
  'The money would have been better spent on the drains in the old town, which overflow every winter.',
];

function newsPage(head = '', bodyAttributes = '', extraArticle = ''): string {
  const [s1, s2, s3, s4, s5, s6, s7, s8] = ARTICLE_SENTENCES;
  const [related1, related2, comment1, comment2] = FURNITURE_SENTENCES;
  return `<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>${HEADLINE} | Eastmere Gazette</title>
<meta property="og:title" content="${HEADLINE}">
<meta property="og:site_name" content="Eastmere Gazette">
<meta property="article:published_time" content="2024-03-12T09:30:00Z">
${head}
</head>
<body${bodyAttributes}>
<header class="site-header"><a href="/" class="logo">Eastmere Gazette</a>
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
</header>
<main>
<article class="story">
<h1>${HEADLINE}</h1>
<p class="byline">By Daniel Reyes</p>
<div class="share-bar"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a> <a href="#">Email this article</a></div>
<div class="story-body">
<p>${s1} ${s2}</p>
<p>${s3}
${s4}</p>
<h2>What happens next</h2>
<p>${s5} ${s6}</p>
<p>${s7} ${s8}</p>
${extraArticle}
</div>
</article>
<aside class="related-stories"><h3>Related stories</h3><ul>
<li><a href="/a">${related1}</a></li>
<li><a href="/b">${related2}</a></li>
</ul></aside>
<section id="comments" class="comments"><h3>Comments (2)</h3>
<div class="comment"><p class="comment-author">riverwatcher</p><p>${comment1}</p></div>
<div class="comment"><p class="comment-author">oldtown</p><p>${comment2}</p></div>
</section>
</main>
<footer class="site-footer"><p>Eastmere Gazette, 4 Quay Street, Eastmere.</p><p><a href="/contact">Contact us</a> | <a href="/privacy">Privacy policy</a></p></footer>
</body></html>
`;
}

const BUDGET = { maxMs: 20_000, maxBytes: 64 * 1024 * 1024 };

async function read(html: string, name = 'page.html'): Promise<ParsedSource> {
  const extracted = await htmlFormat.extract(new TextEncoder().encode(html), { path: name, budget: BUDGET });
  assert.ok(extracted.ok);
  assert.equal(extracted.kind, 'html');
  return parseSourceDocument(name, extracted.text, extracted.kind, { meta: extracted.meta });
}

const texts = (parsed: ParsedSource): string[] => parsed.passages.map((passage) => passage.text);

describe('a news page read through the reader view', () => {
  const page = newsPage();

  test('only the article becomes passages: no menu, share bar, related links, comments or footer', async () => {
    assert.equal((await readWebPage(page)).extractor, 'reader view');
    const parsed = await read(page);
    assert.deepEqual(texts(parsed), [HEADLINE, ...ARTICLE_SENTENCES.slice(0, 4), 'What happens next', ...ARTICLE_SENTENCES.slice(4)]);
  });

  test('the cleaning alone keeps the furniture sentences (what the reader view is for)', () => {
    const alone = texts(parseSourceDocument('page.html', page, 'html'));
    assert.ok(FURNITURE_SENTENCES.some((sentence) => alone.includes(sentence)), alone.join('\n'));
  });

  test('passages keep the line they have in the saved file, which the editor opens', async () => {
    const lines = page.split('\n');
    for (const passage of (await read(page)).passages) {
      assert.ok(lines[passage.line - 1]!.includes(passage.text.slice(0, 25)), `line ${passage.line}: "${lines[passage.line - 1]}" lacks "${passage.text}"`);
    }
  });

  test('metadata from og: and article: tags, and the byline the reader view found', async () => {
    const { meta } = (await read(page)).document;
    assert.deepEqual(meta, { title: HEADLINE, outlet: 'Eastmere Gazette', author: 'Daniel Reyes', date: '2024-03-12', label: `Eastmere Gazette, March 12, 2024: “${HEADLINE}”` });
  });
});

describe('metadata from JSON-LD', () => {
  const jsonLd = `<script type="application/ld+json">${JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: 'Ferry timetable changes for the winter season',
    author: { '@type': 'Person', name: 'Priya Natarajan' },
    publisher: { '@type': 'Organization', name: 'Coastline Weekly' },
    datePublished: '2023-11-05T08:00:00+00:00',
  })}</script>`;
  const body = ARTICLE_SENTENCES.map((sentence) => `<p>${sentence} ${sentence}</p>`).join('\n');
  const page = `<html><head><title>Ferries | CW</title>${jsonLd}</head><body><article>${body}</article></body></html>`;

  test('title, author, outlet and date come from the JSON-LD when no tag states them', async () => {
    const { meta } = (await read(page)).document;
    assert.deepEqual(meta, {
      title: 'Ferry timetable changes for the winter season',
      outlet: 'Coastline Weekly',
      author: 'Priya Natarajan',
      date: '2023-11-05',
      label: 'Coastline Weekly, Nov. 5, 2023: “Ferry timetable changes for the winter season”',
    });
  });

  test('the cleaning alone knows only the date and the page title', () => {
    const { meta } = parseSourceDocument('page.html', page, 'html').document;
    assert.equal(meta.author, undefined);
    assert.equal(meta.title, 'Ferries');
  });
});

describe('the cleaning reads what the reader view should not', () => {
  test('a fragment without article structure falls back and reads as before', async () => {
    const fragment = '<p>The ferry to Burgas leaves at noon.</p>\n<ul><li>Tickets cost 12 euros.</li><li>Bicycles travel free.</li></ul>';
    const reading = await readWebPage(fragment);
    assert.equal(reading.extractor, 'cleaning');
    assert.match(reading.extractor === 'cleaning' ? reading.reason : '', /no article structure/);
    assert.deepEqual(texts(await read(fragment)), texts(parseSourceDocument('page.html', fragment, 'html')));
    assert.deepEqual(texts(await read(fragment)), ['The ferry to Burgas leaves at noon.', 'Tickets cost 12 euros.', 'Bicycles travel free.']);
  });

  test('a page whose tags nest too deeply never reaches the reader view, and still reads', async () => {
    // Unclosed <p>, void and self-closed tags and tags inside scripts add no depth.
    assert.deepEqual(tagShape('<div><p>a<p>b</div><br><img src=x><script>"<div><div>"</script><span/>'), { elements: 7, depth: 1 });
    const deep = '<div>'.repeat(1_000) + newsPage() + '</div>'.repeat(1_000);
    const reading = await readWebPage(deep);
    assert.equal(reading.extractor, 'cleaning');
    assert.match(reading.extractor === 'cleaning' ? reading.reason : '', /nested too deeply/);
    assert.ok(texts(await read(deep)).includes(ARTICLE_SENTENCES[0]!));
  });
});

describe('nothing on a page runs or loads', () => {
  test('inline scripts, event handlers and remote references stay inert', async () => {
    const marker = '__corroborateScriptRan';
    const head = `<script>globalThis.${marker} = 'inline script';</script>
<script src="http://127.0.0.1:9/evil.js"></script><link rel="stylesheet" href="https://127.0.0.1:9/a.css">`;
    const extra = `<img src="http://127.0.0.1:9/pixel.png" onerror="globalThis.${marker} = 'onerror'">
<iframe src="https://127.0.0.1:9/frame" srcdoc="<script>parent.${marker} = 'iframe'</script>"></iframe>
<p><a href="javascript:globalThis.${marker} = 'link'">More</a> <svg onload="globalThis.${marker} = 'svg'"></svg></p>`;
    const page = newsPage(head, ` onload="globalThis.${marker} = 'onload'"`, extra);

    const attempts: string[] = [];
    const record = (what: string) => () => {
      attempts.push(what);
      throw new Error(`blocked: ${what}`);
    };
    const saved = { fetch: globalThis.fetch, connect: net.Socket.prototype.connect, httpRequest: http.request, httpGet: http.get, httpsRequest: https.request, httpsGet: https.get };
    globalThis.fetch = record('fetch') as typeof fetch;
    net.Socket.prototype.connect = record('net.Socket.connect') as typeof net.Socket.prototype.connect;
    Object.assign(http, { request: record('http.request'), get: record('http.get') });
    Object.assign(https, { request: record('https.request'), get: record('https.get') });
    try {
      assert.equal((await readWebPage(page)).extractor, 'reader view');
      const parsed = await read(page);
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(texts(parsed).includes(ARTICLE_SENTENCES[0]!));
    } finally {
      globalThis.fetch = saved.fetch;
      net.Socket.prototype.connect = saved.connect;
      Object.assign(http, { request: saved.httpRequest, get: saved.httpGet });
      Object.assign(https, { request: saved.httpsRequest, get: saved.httpsGet });
    }
    assert.equal((globalThis as Record<string, unknown>)[marker], undefined);
    assert.deepEqual(attempts, []);
  });

  test('the DOM and the reader view are loaded at the first web page, not with the engine', () => {
    const source = readFileSync(path.join(__dirname, '../../src/engine/corpus/formats/webPage.ts'), 'utf8');
    const staticImports = [...source.matchAll(/^import\s+(type\s+)?[^;]*from\s+'(linkedom|@mozilla\/readability)'/gm)];
    assert.ok(staticImports.length > 0);
    for (const match of staticImports) assert.ok(match[1], `a value import of ${match[2]} loads it with the engine`);
    assert.match(source, /import\('linkedom'\)/);
  });
});

describe('hostile pages finish within a time budget', () => {
  const BUDGET_MS = 5_000;
  const cases: [string, () => string][] = [
    ['30,000 nested elements', () => '<html><body>' + '<div>'.repeat(30_000) + newsPage() + '</div>'.repeat(30_000) + '</body></html>'],
    ['200,000 unclosed inline tags', () => '<b>'.repeat(200_000) + newsPage()],
    ['a 3 MB attribute value', () => newsPage(`<meta name="description" content="${'x'.repeat(3_000_000)}">`, ` data-state="${'{&quot;a&quot;:1}'.repeat(100_000)}"`)],
    ['an attribute quote that never closes', () => newsPage().replace('<article class="story">', `<article class="story" title="${'open '.repeat(200_000)}`)],
  ];
  for (const [name, make] of cases) {
    test(name, async () => {
      const page = make();
      const start = performance.now();
      const parsed = await read(page);
      const elapsed = performance.now() - start;
      assert.ok(elapsed < BUDGET_MS, `${elapsed.toFixed(0)} ms`);
      assert.ok(parsed.passages.length > 0);
    });
  }
});

describe('keepMainContent', () => {
  const page = '<html><body>\n<nav><a>Home</a> <a>World news today</a></nav>\n<p>The bridge closed on Monday for repairs, the council said.</p>\n<p>Comments: great news for the town at last, says a reader.</p>\n</body></html>';
  const converted = htmlToText(page, { withTextRuns: true });

  test('blanks the text of blocks the article lacks and leaves every tag, break and line', () => {
    const kept = keepMainContent(page, converted, '<div><p>The bridge closed on Monday for repairs, the council said.</p></div>');
    assert.equal(kept.coverage, 1);
    assert.equal(kept.html.length, page.length);
    assert.deepEqual(kept.html.match(/<[^>]*>/g), page.match(/<[^>]*>/g));
    const again = htmlToText(kept.html);
    assert.deepEqual(again.breaks, converted.breaks);
    assert.equal(again.text.replace(/\s+/g, ' ').trim(), 'The bridge closed on Monday for repairs, the council said.');
  });

  test('an article not found in the page covers none of it', () => {
    assert.equal(keepMainContent(page, converted, '<p>Something else entirely was written here.</p>').coverage, 0);
  });
});
