import { WINDOWS_1252_C1 } from './decode';

/** What an HTML page states about itself in its markup. */
export interface HtmlMeta {
  /** og:title (or twitter:title), else `<title>` without a trailing " | Site" part. */
  title?: string;
  siteName?: string;
  author?: string;
  /** ISO date (YYYY-MM-DD). */
  date?: string;
  /**
   * When the file was made (a PDF's or Word file's creation date): often the day it was printed
   * or saved, so it is the document's date only when its text states none.
   */
  fileDate?: string;
}

export interface HtmlText {
  /**
   * Visible text. Every newline of the input is kept and no newline is added, so the 1-based
   * line of any offset here is the line of the same text in the raw file; block and hidden
   * elements become spaces, inline tags and comments nothing, entities their characters (so
   * offsets drift, lines do not).
   */
  text: string;
  /**
   * Sorted offsets in `text` where a block-level tag stood. They act as paragraph and sentence
   * breaks: inserting newlines for them instead would shift every later line number.
   */
  breaks: number[];
  /** Those of `breaks` that open an h1–h6 heading (kept even when short, unlike page chrome). */
  headings: number[];
  meta: HtmlMeta;
  /** Only when asked for (`withTextRuns`): where each piece of visible text came from. */
  runs?: TextRun[];
}

/**
 * Text between two tags: `html.slice(rawStart, rawEnd)` became `text.slice(textStart, textEnd)`.
 * Lets a caller blank visible text in the raw page without touching a tag, so a second conversion
 * keeps every break, heading and line where it was.
 */
export interface TextRun {
  rawStart: number;
  rawEnd: number;
  textStart: number;
  textEnd: number;
}

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'dialog', 'div',
  'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'head',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'nav', 'ol', 'option', 'p', 'pre', 'section', 'summary',
  'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'title', 'tr', 'ul',
]);

/** Elements whose content is never article text (code, styling, widgets, navigation). */
const HIDDEN_CONTENT_TAGS = new Set([
  'script', 'style', 'noscript', 'svg', 'template', 'iframe', 'object', 'nav', 'button', 'select', 'textarea',
  'title', 'math', 'canvas',
]);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ensp: ' ', emsp: ' ', thinsp: ' ', shy: '',
  zwj: '', zwnj: '', ndash: '–', mdash: '—', minus: '−', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“',
  rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', hellip: '…', bull: '•', middot: '·',
  copy: '©', reg: '®', trade: '™', deg: '°', times: '×', divide: '÷', plusmn: '±', frac12: '½', frac14: '¼',
  frac34: '¾', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§', para: '¶', prime: '′', Prime: '″',
  iexcl: '¡', iquest: '¿', szlig: 'ß', aelig: 'æ', AElig: 'Æ', oelig: 'œ', OElig: 'Œ', oslash: 'ø', Oslash: 'Ø',
  eth: 'ð', ETH: 'Ð', thorn: 'þ', THORN: 'Þ', dagger: '†', Dagger: '‡', permil: '‰', micro: 'µ', ordm: 'º',
  ordf: 'ª', sup1: '¹', sup2: '²', sup3: '³', larr: '←', rarr: '→', uarr: '↑', darr: '↓',
};

/** Accented-letter entities (eacute, Uuml, ccedil, scaron…) composed rather than listed one by one. */
const ACCENT_MARKS: Record<string, string> = {
  acute: '\u0301', grave: '\u0300', circ: '\u0302', uml: '\u0308', tilde: '\u0303', ring: '\u030a',
  cedil: '\u0327', caron: '\u030c',
};

const LEGACY_NO_SEMICOLON = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg']);

function namedEntity(name: string): string | undefined {
  const direct = NAMED_ENTITIES[name];
  if (direct !== undefined) return direct;
  const accented = /^([a-zA-Z])(acute|grave|circ|uml|tilde|ring|cedil|caron)$/.exec(name);
  if (!accented) return undefined;
  const composed = (accented[1]! + ACCENT_MARKS[accented[2]!]!).normalize('NFC');
  return composed.length === 1 ? composed : undefined;
}

function numericEntity(code: number): string {
  // Browsers read &#128;–&#159; as windows-1252, the encoding the author's editor really used.
  if (code >= 0x80 && code <= 0x9f) return WINDOWS_1252_C1[code - 0x80]!;
  // An encoded line break must not add a line: passages' line numbers count the raw file's lines.
  if (code === 0x0a || code === 0x0d) return ' ';
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  return String.fromCodePoint(code);
}

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31})(;?)/g, (whole, body: string, semi: string) => {
    if (body.startsWith('#')) {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return numericEntity(code);
    }
    if (!semi && !LEGACY_NO_SEMICOLON.has(body)) return whole;
    return namedEntity(body) ?? whole;
  });
}

/** Spaces for everything but line breaks, so line structure survives removal. */
function blankOut(text: string): string {
  return text.replace(/[^\r\n]/g, ' ');
}

/** Only the line breaks of removed inline markup, which must survive for line numbers. */
function lineBreaksOf(text: string): string {
  return text.replace(/[^\r\n]/g, '');
}

function parseAttributes(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const body = tag.replace(/^<\/?[a-zA-Z][a-zA-Z0-9:-]*/, '').replace(/\/?>$/, '');
  const pattern = /([^\s=/>"']+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?/g;
  for (let match = pattern.exec(body); match; match = pattern.exec(body)) {
    let value = match[2] ?? '';
    if (value.startsWith('"') || value.startsWith("'")) value = value.slice(1, -1);
    const name = match[1]!.toLowerCase();
    if (!attributes.has(name)) attributes.set(name, decodeEntities(value).trim());
  }
  return attributes;
}

/** The calendar date a machine-readable timestamp starts with, if it is a real date. */
export function isoDate(value: string | undefined): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value?.trim() ?? '');
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? match[0] : undefined;
}

const META_TITLE_KEYS = ['og:title', 'twitter:title'];
const META_AUTHOR_KEYS = ['author', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author'];
const META_DATE_KEYS = [
  'article:published_time', 'datepublished', 'pubdate', 'publishdate', 'date', 'dc.date', 'dc.date.issued',
  'parsely-pub-date', 'sailthru.date', 'og:published_time',
];

/** Collects candidate values by priority, then keeps the best one per field. */
class MetaCollector {
  private readonly found = new Map<string, string[]>();
  private pageTitle?: string;

  addPageTitle(title: string): void {
    this.pageTitle ??= title;
  }

  add(key: string, value: string | undefined): void {
    if (!value) return;
    const values = this.found.get(key);
    if (values) values.push(value);
    else this.found.set(key, [value]);
  }

  private first(keys: string[], accept: (value: string) => string | undefined): string | undefined {
    for (const key of keys) {
      for (const value of this.found.get(key) ?? []) {
        const accepted = accept(value);
        if (accepted) return accepted;
      }
    }
    return undefined;
  }

  result(): HtmlMeta {
    const clean = (value: string): string | undefined => value.replace(/\s+/g, ' ').trim() || undefined;
    const siteName = this.first(['og:site_name', 'application-name'], clean);
    // article:author is often a profile URL, which names no one.
    const author = this.first(META_AUTHOR_KEYS, (value) => (/^(https?:)?\/\//i.test(value) ? undefined : clean(value)));
    const date = this.first([...META_DATE_KEYS, 'time', 'ld+json'], isoDate);
    let title = this.first(META_TITLE_KEYS, clean);
    if (!title && this.pageTitle) {
      title = clean(this.pageTitle);
      // "<Headline> | <Site>": the site part is not the article's title.
      if (title && siteName) {
        const suffix = new RegExp(`\\s*[|–—·:-]\\s*${siteName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'i');
        title = title.replace(suffix, '') || title;
      }
      // Without a site name only a pipe is an unambiguous separator ("Trump - Putin talks" is a title).
      const piped = title && /^(.*\S)\s+\|\s+([^|]+)$/.exec(title);
      if (piped && piped[2]!.split(/\s+/).length <= 5) title = piped[1]!;
    }
    const meta: HtmlMeta = {};
    if (title) meta.title = title;
    if (siteName) meta.siteName = siteName;
    if (author) meta.author = author;
    if (date) meta.date = date;
    return meta;
  }
}

function collectTagMeta(name: string, tag: string, meta: MetaCollector): void {
  if (name !== 'meta' && name !== 'time' && !tag.includes('itemprop')) return;
  const attributes = parseAttributes(tag);
  if (name === 'meta') {
    const key = (attributes.get('property') ?? attributes.get('name') ?? attributes.get('itemprop') ?? '').toLowerCase();
    if (key) meta.add(key, attributes.get('content'));
    return;
  }
  if (attributes.get('itemprop')?.toLowerCase() === 'datepublished') {
    meta.add('datepublished', attributes.get('content') ?? attributes.get('datetime'));
  }
  if (name === 'time') meta.add('time', attributes.get('datetime'));
}

/**
 * End of a tag starting at `start`, honouring quoted attribute values that contain '>'. Only a
 * quote right after '=' opens a value, so `<a title=O'Neil>` does not run on to a later quote.
 */
function tagEnd(html: string, start: number): number {
  let quote = '';
  let afterEquals = false;
  for (let i = start; i < html.length; i++) {
    const char = html[i]!;
    if (quote) {
      if (char === quote) quote = '';
      continue;
    }
    if (char === '>') return i + 1;
    if ((char === '"' || char === "'") && afterEquals) quote = char;
    if (char === '=') afterEquals = true;
    else if (!/\s/.test(char)) afterEquals = false;
  }
  // An unbalanced quote must not swallow the rest of the page.
  const plain = html.indexOf('>', start);
  return plain < 0 ? html.length : plain + 1;
}

/** Converts HTML to visible text with the input's line structure (see `HtmlText`). */
export function htmlToText(html: string, options: { withTextRuns?: boolean } = {}): HtmlText {
  const parts: string[] = [];
  const breaks: number[] = [];
  const headings: number[] = [];
  const runs: TextRun[] | undefined = options.withTextRuns ? [] : undefined;
  const meta = new MetaCollector();
  let length = 0;
  const emit = (text: string): void => {
    parts.push(text);
    length += text.length;
  };
  const emitText = (rawStart: number, rawEnd: number): void => {
    if (rawEnd <= rawStart) return;
    const textStart = length;
    emit(decodeEntities(html.slice(rawStart, rawEnd)));
    runs?.push({ rawStart, rawEnd, textStart, textEnd: length });
  };
  const markBreak = (): void => {
    if (breaks[breaks.length - 1] !== length) breaks.push(length);
  };
  const tagStart = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)/y;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      emitText(i, html.length);
      break;
    }
    emitText(i, lt);
    const special = [['<!--', '-->'], ['<![CDATA[', ']]>'], ['<!', '>'], ['<?', '>']].find(([open]) => html.startsWith(open!, lt));
    if (special) {
      const close = html.indexOf(special[1]!, lt + special[0]!.length);
      const end = close < 0 ? html.length : close + special[1]!.length;
      emit(lineBreaksOf(html.slice(lt, end)));
      i = end;
      continue;
    }
    tagStart.lastIndex = lt;
    const match = tagStart.exec(html);
    if (!match) {
      emitText(lt, lt + 1);
      i = lt + 1;
      continue;
    }
    const end = tagEnd(html, lt + match[0].length);
    const tag = html.slice(lt, end);
    const name = match[2]!.toLowerCase();
    const closing = match[1] === '/';
    if (!closing) collectTagMeta(name, tag, meta);
    const block = BLOCK_TAGS.has(name) || HIDDEN_CONTENT_TAGS.has(name);
    if (block) markBreak();
    if (!closing && /^h[1-6]$/.test(name)) headings.push(length);
    // Inline tags vanish as in a browser ("<b>Peskov</b>, the" reads "Peskov, the"); block tags
    // become spaces so words on either side never fuse.
    emit(block ? blankOut(tag) : lineBreaksOf(tag));
    i = end;
    if (closing || !HIDDEN_CONTENT_TAGS.has(name) || tag.endsWith('/>')) continue;
    const closer = new RegExp(`</${name}\\s*>`, 'ig');
    closer.lastIndex = i;
    const close = closer.exec(html);
    const contentEnd = close ? close.index : html.length;
    const content = html.slice(i, contentEnd);
    if (name === 'title') meta.addPageTitle(decodeEntities(content));
    if (name === 'script' && /application\/ld\+json/i.test(tag)) {
      meta.add('ld+json', /"datePublished"\s*:\s*"([^"]+)"/.exec(content)?.[1]);
    }
    emit(blankOut(html.slice(i, close ? closer.lastIndex : html.length)));
    markBreak();
    i = close ? closer.lastIndex : html.length;
  }
  return { text: parts.join(''), breaks, headings, meta: meta.result(), ...(runs ? { runs } : {}) };
}
