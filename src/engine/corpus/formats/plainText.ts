import { decodeText } from '../decode';
import type { SourceFormat } from './format';

export const plainTextFormat: SourceFormat = {
  name: 'text',
  extensions: ['.txt'],
  binary: false,
  extract(bytes) {
    const decoded = decodeText(bytes);
    return decoded.ok ? { ok: true, text: decoded.text, kind: 'text' } : decoded;
  },
};

export const markdownFormat: SourceFormat = {
  name: 'Markdown',
  extensions: ['.md', '.markdown'],
  binary: false,
  extract(bytes) {
    const decoded = decodeText(bytes);
    return decoded.ok ? { ok: true, text: decoded.text, kind: 'markdown' } : decoded;
  },
};
