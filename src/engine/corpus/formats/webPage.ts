import type { Readability as ReadabilityClass, isProbablyReaderable as IsProbablyReaderable } from '@mozilla/readability';
import type { parseHTML as ParseHtml } from 'linkedom';
import { boilerplateReason } from '../boilerplate';
import { decodeText } from '../decode';
import { htmlToText, isoDate } from '../html';
import type { HtmlMeta, HtmlText } from '../html';
import { keepMainContent } from '../mainContent';
import { extractMetadata } from '../metadata';
import type { ExtractResult, SourceFormat } from './format';

/**
 * Saved web pages. The main content is chosen by Mozilla's reader view (Readability, the one in
 * Firefox) over linkedom's DOM: on the reader view's own corpus of real saved pages it keeps the
 * article and drops navigation, share bars, related links and comments far better than the
 * tag-level cleaning alone (bench/htmlExtraction.ts measures both). The cleaning in html.ts stays
 * the fallback, and for kept pages still does the conversion, so lines and headings come out as
 * they always did (see mainContent.ts).
 *
 * Nothing on the page runs or loads: linkedom is a DOM without a script engine or a network
 * stack, so inline scripts and event handlers stay text and no src/href is ever requested.
 */

/** Beyond this the reader view's DOM costs more memory and time than it can save; the cleaning alone reads such pages. */
const MAX_READER_VIEW_CHARS = 8 * 1024 * 1024;
/** Elements the DOM is built for at most; saved articles have a few thousand. */
const MAX_READER_VIEW_ELEMENTS = 60_000;
/**
 * Deepest nesting the reader view is given. Its cost grows with the square of the depth (≈150 ms
 * at 500 levels, 6 s at 4,000) and it recurses, so a hostile page could stall the loader or
 * overflow the stack; real pages stay under ~100 levels.
 */
const MAX_READER_VIEW_DEPTH = 400;
/**
 * Share of the article's words that must be found again among the page's blocks. Below it the
 * article was rebuilt too freely to be located, and keeping only what matched would lose text.
 */
const MIN_ARTICLE_COVERAGE = 0.8;
/** Bylines are names; anything longer is a sentence or a whole header the reader view took for one. */
const MAX_BYLINE_CHARS = 100;

interface ReaderView {
  parseHTML: typeof ParseHtml;
  Readability: typeof ReadabilityClass;
  isProbablyReaderable: typeof IsProbablyReaderable;
}

/** Elements whose end tag is optional or absent: left open they say nothing about nesting. */
const SELF_CLOSING = new Set([
  'area', 'base', 'br', 'col', 'colgroup', 'dd', 'dt', 'embed', 'hr', 'img', 'input', 'li', 'link', 'meta', 'option',
  'optgroup', 'p', 'param', 'rp', 'rt', 'source', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'track', 'wbr',
]);
/** Their content is text to the parser, whatever tags it spells. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'plaintext']);

/**
 * Element count and nesting depth as the tags spell them, read in one pass before any DOM is
 * built: what decides whether the reader view can afford the page.
 */
export function tagShape(html: string): { elements: number; depth: number } {
  const tag = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(\/?)>|<!--[\s\S]*?(?:-->|$)/g;
  let elements = 0;
  let depth = 0;
  let deepest = 0;
  for (let match = tag.exec(html); match; match = tag.exec(html)) {
    const name = match[2]?.toLowerCase();
    if (!name) continue;
    if (match[1]) {
      if (!SELF_CLOSING.has(name)) depth = Math.max(0, depth - 1);
      continue;
    }
    elements++;
    if (RAW_TEXT.has(name)) {
      const closer = new RegExp(`</${name}`, 'ig');
      closer.lastIndex = tag.lastIndex;
      tag.lastIndex = closer.exec(html)?.index ?? html.length;
      continue;
    }
    if (match[3] || SELF_CLOSING.has(name)) continue;
    deepest = Math.max(deepest, ++depth);
  }
  return { elements, depth: deepest };
}

let readerView: Promise<ReaderView> | undefined;

/**
 * Loaded at the first web page, not when the extension or the CLI starts: half a megabyte of
 * minified code and ~100 ms to evaluate, which corpora without web pages never need.
 */
function loadReaderView(): Promise<ReaderView> {
  readerView ??= Promise.all([import('linkedom'), import('@mozilla/readability')]).then(([dom, reader]) => ({
    parseHTML: dom.parseHTML,
    Readability: reader.Readability,
    isProbablyReaderable: reader.isProbablyReaderable,
  }));
  return readerView;
}

export type WebPageReading =
  | { extractor: 'reader view'; html: string; meta: HtmlMeta; coverage: number }
  | { extractor: 'cleaning'; html: string; reason: string };

/** "By Jane Doe\n March 25, 2015" → "Jane Doe"; a URL or a paragraph is no byline. */
function cleanByline(byline: string | null | undefined): string | undefined {
  const first = byline?.split(/\n|\s[|·•]\s/)[0];
  const name = first?.replace(/\s+/g, ' ').replace(/^(?:(?:written\s+)?by|par|von|por|door)[:\s]\s*/i, '').replace(/[\s,;:|–—-]+$/, '').trim();
  if (!name || name.length > MAX_BYLINE_CHARS || !/\p{L}/u.test(name) || /(?:https?:)?\/\//i.test(name)) return undefined;
  return name;
}

const clean = (value: string | null | undefined): string | undefined => value?.replace(/\s+/g, ' ').trim() || undefined;

function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/**
 * What the page states about itself, best source first: its meta tags (as the cleaning reads
 * them; for the title the reader view's choice), then what the reader view found (JSON-LD,
 * bylines in the page), then bylines and datelines in the page's text. The text is read before
 * blocks outside the article are blanked, since a dateline usually sits outside it.
 */
function pageMeta(page: HtmlText, fileName: string, reader: { title?: string; byline?: string; siteName?: string; date?: string }): HtmlMeta {
  const bounds = [0, ...page.breaks, page.text.length];
  const blocks = bounds.slice(0, -1).map((start, i) => page.text.slice(start, bounds[i + 1]).replace(/\s+/g, ' ').trim()).filter(Boolean);
  const fromText = extractMetadata(blocks, { fileName, isBoilerplate: (line) => boilerplateReason(line) !== undefined });
  const merged: HtmlMeta = {
    title: reader.title,
    siteName: reader.siteName ?? fromText.outlet,
    author: reader.byline ?? fromText.author,
    date: reader.date ?? fromText.date,
  };
  // A title keeps the reader view's ranking (JSON-LD headline, then og:/twitter: tags, then
  // <title>), which a bare <title> must not override; elsewhere the tags keep their old say.
  for (const [key, value] of Object.entries(page.meta)) if (value && !(key === 'title' && merged.title)) merged[key as keyof HtmlMeta] = value;
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value)) as HtmlMeta;
}

/**
 * Reads a saved page's main content with the reader view, or says why the cleaning alone reads
 * it: too large, no article structure (a fragment, a short note, a list page), the reader view
 * found nothing or failed, or its article could not be located in the page.
 */
export async function readWebPage(html: string, fileName = 'page.html'): Promise<WebPageReading> {
  const fallback = (reason: string): WebPageReading => ({ extractor: 'cleaning', html, reason });
  if (html.length > MAX_READER_VIEW_CHARS) return fallback('page too large for the reader view');
  const shape = tagShape(html);
  if (shape.elements > MAX_READER_VIEW_ELEMENTS) return fallback(`too many elements for the reader view (${shape.elements})`);
  if (shape.depth > MAX_READER_VIEW_DEPTH) return fallback(`nested too deeply for the reader view (${shape.depth} levels)`);
  let article;
  try {
    const { parseHTML, Readability, isProbablyReaderable } = await loadReaderView();
    const { document } = parseHTML(html);
    if (!isProbablyReaderable(document)) return fallback('no article structure');
    article = new Readability(document, { maxElemsToParse: MAX_READER_VIEW_ELEMENTS }).parse();
  } catch (error) {
    return fallback(`reader view failed (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!article?.content) return fallback('reader view found no article');
  const title = clean(article.title);
  const page = htmlToText(html, { withTextRuns: true });
  const main = keepMainContent(html, page, article.content, title);
  if (main.coverage < MIN_ARTICLE_COVERAGE) return fallback(`article not located in the page (${Math.round(main.coverage * 100)}% of its words)`);
  const meta = pageMeta(page, fileName, { title, byline: cleanByline(article.byline), siteName: clean(article.siteName), date: isoDate(article.publishedTime ?? undefined) });
  return { extractor: 'reader view', html: main.html, meta, coverage: main.coverage };
}

export const htmlFormat: SourceFormat = {
  name: 'HTML',
  extensions: ['.html', '.htm'],
  binary: false,
  async extract(bytes, context): Promise<ExtractResult> {
    const decoded = decodeText(bytes);
    if (!decoded.ok) return decoded;
    const read = await readWebPage(decoded.text, baseName(context.path));
    return read.extractor === 'reader view' ? { ok: true, text: read.html, kind: 'html', meta: read.meta } : { ok: true, text: read.html, kind: 'html' };
  },
};
