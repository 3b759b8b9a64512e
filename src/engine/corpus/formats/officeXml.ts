/**
 * A small XML reader for the parts of office packages read directly (OpenDocument content and
 * metadata, Word core properties). Hand-written rather than importing @xmldom/xmldom (only
 * present as mammoth's dependency, not ours) or linkedom's DOM (built for HTML, and it copies
 * every node into a full DOM): these parts are machine-written, well-formed XML where a tree
 * of names, attributes and text is all that is needed. It never expands a DTD's entities, so a
 * "billion laughs" document is just text, and it refuses deep nesting instead of recursing on it.
 */

export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export class XmlError extends Error {}

/** Far beyond any real document; past it a walk over the tree could exhaust the stack. */
export const MAX_XML_DEPTH = 256;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g;

function decode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (whole, body: string) => {
    if (body[0] !== '#') return NAMED[body]!;
    const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const NAME = /[^\s/>]+/y;
const ATTRIBUTE = /\s*([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const TAG_END = /\s*(\/?)>/y;

/** Parses a whole document; returns its root element. Throws XmlError on malformed input. */
export function parseXml(xml: string): XmlElement {
  const document: XmlElement = { name: '#document', attributes: {}, children: [] };
  const stack: XmlElement[] = [document];
  const fail = (what: string, at: number): never => {
    throw new XmlError(`malformed XML (${what} at character ${at})`);
  };
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? xml.length : lt;
    // Text outside the root element is only whitespace in well-formed XML; it is dropped.
    if (textEnd > i && stack.length > 1) stack[stack.length - 1]!.children.push(decode(xml.slice(i, textEnd)));
    if (lt < 0) break;
    const next = xml[lt + 1];
    if (next === '?') {
      const end = xml.indexOf('?>', lt + 2);
      if (end < 0) fail('unterminated processing instruction', lt);
      i = end + 2;
    } else if (next === '!') {
      if (xml.startsWith('<!--', lt)) {
        const end = xml.indexOf('-->', lt + 4);
        if (end < 0) fail('unterminated comment', lt);
        i = end + 3;
      } else if (xml.startsWith('<![CDATA[', lt)) {
        const end = xml.indexOf(']]>', lt + 9);
        if (end < 0) fail('unterminated CDATA section', lt);
        stack[stack.length - 1]!.children.push(xml.slice(lt + 9, end));
        i = end + 3;
      } else {
        // A DOCTYPE is skipped whole, internal subset included: its entities are never defined.
        const subset = xml.indexOf('[', lt);
        const close = xml.indexOf('>', lt);
        const end = subset >= 0 && subset < close ? xml.indexOf(']', subset) : close;
        const gt = end < 0 ? -1 : xml.indexOf('>', end);
        if (gt < 0) fail('unterminated declaration', lt);
        i = gt + 1;
      }
    } else if (next === '/') {
      const end = xml.indexOf('>', lt);
      if (end < 0) fail('unterminated end tag', lt);
      const name = xml.slice(lt + 2, end).trim();
      const open = stack.pop();
      if (!open || open === document || open.name !== name) fail(`unexpected </${name}>`, lt);
      i = end + 1;
    } else {
      NAME.lastIndex = lt + 1;
      const name = NAME.exec(xml)?.[0];
      if (!name) fail('empty tag name', lt);
      const element: XmlElement = { name: name!, attributes: {}, children: [] };
      let at = NAME.lastIndex;
      for (;;) {
        TAG_END.lastIndex = at;
        const end = TAG_END.exec(xml);
        if (end) {
          at = TAG_END.lastIndex;
          stack[stack.length - 1]!.children.push(element);
          if (!end[1]) stack.push(element);
          break;
        }
        ATTRIBUTE.lastIndex = at;
        const attribute = ATTRIBUTE.exec(xml);
        if (!attribute) fail(`bad attribute in <${name}>`, at);
        element.attributes[attribute![1]!] = decode(attribute![2] ?? attribute![3]!);
        at = ATTRIBUTE.lastIndex;
      }
      if (stack.length > MAX_XML_DEPTH) fail(`elements nested deeper than ${MAX_XML_DEPTH}`, lt);
      i = at;
    }
  }
  if (stack.length > 1) fail(`<${stack[stack.length - 1]!.name}> never closed`, xml.length);
  const root = document.children.find((child): child is XmlElement => typeof child !== 'string');
  if (!root) fail('no root element', 0);
  return root!;
}

/** "dc:title" → "title": prefixes are the producer's choice, local names are the standard's. */
export function localName(name: string): string {
  return name.slice(name.indexOf(':') + 1);
}

export function childElements(element: XmlElement): XmlElement[] {
  return element.children.filter((child): child is XmlElement => typeof child !== 'string');
}

/** All text inside `element`, markup dropped. */
export function textContent(element: XmlElement): string {
  let out = '';
  for (const child of element.children) out += typeof child === 'string' ? child : textContent(child);
  return out;
}

/** First descendant (depth-first) with the given local name. */
export function findFirst(element: XmlElement, local: string): XmlElement | undefined {
  for (const child of childElements(element)) {
    if (localName(child.name) === local) return child;
    const found = findFirst(child, local);
    if (found) return found;
  }
  return undefined;
}
