/**
 * The quick fixes as text edits: which passage a citation may rest on, how it names the source
 * (a link relative to the draft inside the workspace, a label outside it), that the note it adds
 * is never checked, and the source's value written the way the draft writes such values.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkDocument, CorpusIndex, loadCorpus, parseDraft, type Conflict, type DocumentMeta, type Evidence, type StatementResult } from '../../src/engine';
import { inDraftStyle } from '../../src/engine/draftStyle';
import { fixesFor, type TextEditAt, type TextFix } from '../../src/engine/fixes';
import { codeActionsFor } from '../../src/server/codeActions';
import type { CheckReport } from '../../src/server/diagnostics';
import { buildCli, root } from './helpers/cli';
import { startServerOn, type RawLspClient } from './helpers/lspClient';
import { MemoryFs } from './helpers/memoryFs';

const WS = path.resolve('/home/writer/newsroom');
const DRAFT_PATH = path.join(WS, 'drafts', 'pier.md');
const SOURCE_PATH = path.join(WS, 'corpus', 'harbour.md');
const OUTSIDE_PATH = path.resolve('/home/writer/private/notes/harbour.md');
const META: DocumentMeta = { title: 'Varna harbour reopens', outlet: 'Black Sea Courier', date: '2025-03-03', label: 'Black Sea Courier, March 3, 2025: “Varna harbour reopens”' };

function evidence(source: string, stance: Evidence['stance'], line = 5, title = 'Varna harbour reopens'): Evidence {
  return { passage: line, source, title, line, excerpt: 'The north pier reopened on Monday.', stance, score: 0.9 };
}

function result(text: string, verdict: StatementResult['verdict'], found: Evidence[], conflicts: Conflict[] = []): StatementResult {
  return { text, offset: 0, length: text.length, verdict, confidence: 0.9, conflicts, evidence: found };
}

/** The draft after a fix's edits, applied from the last so earlier offsets hold. */
function apply(text: string, edits: TextEditAt[]): string {
  return [...edits].sort((a, b) => b.offset - a.offset).reduce((t, e) => t.slice(0, e.offset) + e.newText + t.slice(e.offset + e.length), text);
}

const cite = (fixes: TextFix[]) => fixes.find((f) => f.kind === 'cite');
// The harbour article's facts are known; another source is named by its headline alone.
const inWorkspace = { format: 'markdown' as const, metaOf: (e: Pick<Evidence, 'source'>) => (e.source.endsWith('ferry.md') ? undefined : META), draft: DRAFT_PATH, workspaceFolders: [WS] };

describe('the cite fix rests on a supporting passage', () => {
  const text = 'The north pier reopened on Monday.\n';

  test('a conflicting statement is never offered its contradicting source', () => {
    const fixes = fixesFor(text, result(text.trim(), 'conflicting', [evidence(SOURCE_PATH, 'conflicts'), evidence(SOURCE_PATH, 'related', 9)]), inWorkspace);
    assert.deepEqual(fixes.map((f) => f.kind), ['ignore']);
  });

  test('a contested statement cites the source that supports it, not the one that contradicts it', () => {
    const other = path.join(WS, 'corpus', 'ferry.md');
    const fixes = fixesFor(text, result(text.trim(), 'contested', [evidence(SOURCE_PATH, 'conflicts', 3), evidence(other, 'supports', 7, 'Ferry timetable changes')]), inWorkspace);
    // Named as the writer knows it: by who published it, not by its file name.
    assert.equal(cite(fixes)?.title, 'Cite “Ferry timetable changes”');
    // One document that says both is no citation for the statement.
    const both = fixesFor(text, result(text.trim(), 'contested', [evidence(SOURCE_PATH, 'conflicts', 3), evidence(SOURCE_PATH, 'supports', 7)]), inWorkspace);
    assert.equal(cite(both), undefined);
  });

  test('an unverified statement has nothing to cite; a supported one gets the citation and nothing else', () => {
    assert.equal(cite(fixesFor(text, result(text.trim(), 'unverified', [evidence(SOURCE_PATH, 'related')]), inWorkspace)), undefined);
    const fixes = fixesFor(text, result(text.trim(), 'supported', [evidence(SOURCE_PATH, 'supports')]), inWorkspace);
    assert.deepEqual(fixes.map((f) => f.title), ['Cite Black Sea Courier, March 3, 2025: “Varna harbour reopens”']);
  });
});

describe('how a citation names its source', () => {
  const text = 'The north pier reopened on Monday.\n';
  const supported = result(text.trim(), 'supported', [evidence(SOURCE_PATH, 'supports')]);

  test('a source in the draft\'s workspace folder is linked relative to the draft', () => {
    const fix = cite(fixesFor(text, supported, inWorkspace))!;
    assert.equal(
      apply(text, fix.edits),
      'The north pier reopened on Monday.[^1]\n\n[^1]: Varna harbour reopens, Black Sea Courier, 2025-03-03 ([../corpus/harbour.md, line 5](../corpus/harbour.md#L5))\n',
    );
    // URIs, as the language server has them, give the same link.
    const byUri = cite(fixesFor(text, supported, { ...inWorkspace, draft: pathToFileURL(DRAFT_PATH).href, workspaceFolders: [pathToFileURL(WS).href] }))!;
    assert.deepEqual(byUri.edits, fix.edits);
  });

  test('a link survives spaces and parentheses in the path, and extracted text links the file without a line', () => {
    const spaced = path.join(WS, 'corpus', 'Port (2025) report.pdf');
    const found = { ...evidence(spaced, 'supports', 40), location: { page: 3 } };
    const fix = cite(fixesFor(text, result(text.trim(), 'supported', [found]), inWorkspace))!;
    assert.equal(fix.edits[1]!.newText, '\n[^1]: Varna harbour reopens, Black Sea Courier, 2025-03-03, p. 3 ([../corpus/Port (2025) report.pdf](../corpus/Port%20%282025%29%20report.pdf))\n');
  });

  test('a source outside the workspace is cited by its title, outlet and date, never by its path', () => {
    const outside = result(text.trim(), 'supported', [evidence(OUTSIDE_PATH, 'supports')]);
    for (const fix of [
      cite(fixesFor(text, outside, inWorkspace))!,
      // An unsaved draft has no folder to be relative to.
      cite(fixesFor(text, supported, { ...inWorkspace, draft: 'untitled:Untitled-1' }))!,
      cite(fixesFor(text, supported, { ...inWorkspace, workspaceFolders: [] }))!,
    ]) {
      assert.equal(apply(text, fix.edits), 'The north pier reopened on Monday.[^1]\n\n[^1]: Varna harbour reopens, Black Sea Courier, 2025-03-03\n');
    }
  });

  test('the label style cites by label even inside the workspace', () => {
    const fix = cite(fixesFor(text, supported, { ...inWorkspace, citationStyle: 'label' }))!;
    assert.equal(fix.edits[1]!.newText, '\n[^1]: Varna harbour reopens, Black Sea Courier, 2025-03-03\n');
    assert.equal(cite(fixesFor(text, supported, { ...inWorkspace, citationStyle: 'link' }))!.edits[1]!.newText.includes('](../corpus/harbour.md#L5)'), true);
  });

  test('plain text gets an inline note with the relative path, or the label outside the workspace', () => {
    const plain = { ...inWorkspace, format: 'plaintext' as const };
    assert.deepEqual(cite(fixesFor(text, supported, plain))!.edits, [{ offset: 34, length: 0, newText: ' (source: Varna harbour reopens, Black Sea Courier, 2025-03-03, ../corpus/harbour.md, line 5)' }]);
    const outside = result(text.trim(), 'supported', [evidence(OUTSIDE_PATH, 'supports')]);
    assert.equal(cite(fixesFor(text, outside, plain))!.edits[0]!.newText, ' (source: Varna harbour reopens, Black Sea Courier, 2025-03-03)');
  });

  test('a draft that already cites the passage gets a second reference to the same note', () => {
    const first = apply(text, cite(fixesFor(text, supported, inWorkspace))!.edits);
    const more = `${first}Ferries use the north pier again.\n`;
    const again = result('Ferries use the north pier again.', 'supported', [evidence(SOURCE_PATH, 'supports')]);
    again.offset = more.indexOf('Ferries');
    const fix = cite(fixesFor(more, again, inWorkspace))!;
    assert.deepEqual(fix.edits, [{ offset: again.offset + again.length, length: 0, newText: '[^1]' }]);
  });
});

describe('what the cite fix writes is not checked', () => {
  test('neither the footnote nor its reference changes the statements of a Markdown draft', () => {
    const text = '# Pier\n\nThe north pier reopened on Monday. Ferries leave at noon.\n';
    const before = parseDraft(text, 'markdown').map((s) => s.masked);
    const r = result('The north pier reopened on Monday.', 'supported', [evidence(SOURCE_PATH, 'supports')]);
    r.offset = text.indexOf('The north');
    const after = apply(text, cite(fixesFor(text, r, inWorkspace))!.edits);
    assert.match(after, /\[\^1\]: Varna harbour reopens/);
    assert.deepEqual(parseDraft(after, 'markdown').map((s) => s.masked.trim()), before);
  });

  test('the inline note of a plain-text draft is no statement', () => {
    const text = 'The north pier reopened on Monday. Ferries leave at noon.\n';
    const r = result('The north pier reopened on Monday.', 'supported', [evidence(OUTSIDE_PATH, 'supports')]);
    const after = apply(text, cite(fixesFor(text, r, { ...inWorkspace, format: 'plaintext' }))!.edits);
    assert.equal(after, 'The north pier reopened on Monday. (source: Varna harbour reopens, Black Sea Courier, 2025-03-03) Ferries leave at noon.\n');
    assert.deepEqual(parseDraft(after, 'plaintext').map((s) => s.text), ['The north pier reopened on Monday.', 'Ferries leave at noon.']);
  });
});

describe('the source\'s value in the draft\'s style', () => {
  /** The replacement for `claimed` (found in `text`) when the source writes `source`. */
  function styled(text: string, claimed: string, source: string, kind: Conflict['kind']): string {
    const offset = text.indexOf(claimed);
    assert.ok(offset >= 0);
    return inDraftStyle(text, { kind, claimed, source, offset, length: claimed.length });
  }

  test('dates keep the draft\'s month names, their periods and the order of day and month', () => {
    assert.equal(styled('The pier reopened on Jan. 15 after repairs.', 'Jan. 15', 'January 12', 'date'), 'Jan. 12');
    assert.equal(styled('The pier reopened on Jan 15 after repairs.', 'Jan 15', 'January 12, 2025', 'date'), 'Jan 12');
    assert.equal(styled('The pier reopened on 15 January 2025.', 'on 15 January 2025', 'January 12, 2025', 'date'), 'on 12 January 2025');
    assert.equal(styled('The pier reopened on January 15 2025.', 'January 15 2025', '12 January 2025', 'date'), 'January 12 2025');
    assert.equal(styled('Works began Aug. 15, 2024.', 'Aug. 15, 2024', 'September 2, 2025', 'date'), 'Sept. 2, 2025');
    // A draft that shortens March shortens April too; one that writes "Jan." keeps March whole.
    assert.equal(styled('Works began Mar. 15.', 'Mar. 15', 'April 2', 'date'), 'Apr. 2');
    assert.equal(styled('Works began Jan. 15.', 'Jan. 15', 'March 2', 'date'), 'March 2');
    assert.equal(styled('Works began on the 15th of January.', '15th of January', 'January 2', 'date'), '2nd of January');
    assert.equal(styled('Filed 2024-01-15.', '2024-01-15', 'January 12, 2024', 'date'), '2024-01-12');
    assert.equal(styled('Filed 15/01/2024.', '15/01/2024', 'January 12, 2024', 'date'), '12/01/2024');
    assert.equal(styled('Works began in March 2014.', 'in March 2014', 'April 2015', 'date'), 'in April 2015');
  });

  test('a date the claim does not spell out is written as the rest of the draft writes dates', () => {
    assert.equal(styled('Talks began 3 Feb. The pier reopened on Monday.', 'on Monday', 'January 12', 'date'), 'on 12 Jan.');
    assert.equal(styled('Talks began Feb. 3. The pier reopened on Monday.', 'on Monday', 'January 12', 'date'), 'on Jan. 12');
    assert.equal(styled('Talks began Feb. 3. The pier reopened on Monday.', 'on Monday', 'Tuesday, March 4', 'date'), 'on Tuesday, March 4');
  });

  test('numbers keep words or numerals, thousands separators, units and signs as the draft writes them', () => {
    assert.equal(styled('Five ferries sailed.', 'Five', '7', 'number'), 'Seven');
    assert.equal(styled('It took twenty-five days.', 'twenty-five', '32', 'number'), 'thirty-two');
    assert.equal(styled('It took 5 days.', '5', 'seven', 'number'), '7');
    assert.equal(styled('It drew 9,500 visitors.', '9,500', '9800', 'number'), '9,800');
    assert.equal(styled('It drew 9500 visitors.', '9500', '9,800', 'number'), '9800');
    // Too short to show a separator: the draft's other figures decide.
    assert.equal(styled('It drew 11 ships and 12500 visitors.', '11', '1,400', 'number'), '1400');
    assert.equal(styled('Fares rose 40 percent.', '40', '38%', 'number'), '38');
    assert.equal(styled('Fares rose 40%.', '40%', '38', 'number'), '38%');
    assert.equal(styled('It cost $60 billion.', '$60 billion', '62 billion', 'number'), '$62 billion');
    assert.equal(styled('It cost 60 billion dollars.', '60 billion', '$62 billion', 'number'), '62 billion');
    assert.equal(styled('It cost 3,500,000 euros.', '3,500,000', '3.2 million', 'number'), '3,200,000');
    assert.equal(styled('It cost €3.5m.', '€3.5m', '€3.2 million', 'number'), '€3.2m');
    assert.equal(styled('It cost 1.2 billion.', '1.2 billion', '950 million', 'number'), '0.95 billion');
  });

  test('the fix title names the value it writes and what the source says', () => {
    const text = 'The pier reopened on Jan. 15 after repairs.\n';
    const conflict: Conflict = { kind: 'date', claimed: 'Jan. 15', source: 'January 12', offset: text.indexOf('Jan.'), length: 7, passage: 5 };
    const [replace] = fixesFor(text, result(text.trim(), 'conflicting', [evidence(SOURCE_PATH, 'conflicts')], [conflict]), inWorkspace);
    assert.equal(replace!.title, 'Replace "Jan. 15" with "Jan. 12" (the source says "January 12")');
    assert.equal(apply(text, replace!.edits), 'The pier reopened on Jan. 12 after repairs.\n');
  });
});

describe('fixes for real findings', () => {
  const SOURCE = [
    '# Varna harbour reopens',
    '',
    'The port authority reopened the north pier on March 3, 2025, after repairs.',
    '',
    'Repairs cost the city 9800 euros and lasted seven days.',
    '',
    'The ferry to Burgas now leaves at noon every day.',
  ].join('\n');
  let index: CorpusIndex;
  before(async () => {
    index = await CorpusIndex.build(await loadCorpus([path.join(WS, 'corpus')], { fs: new MemoryFs({ [SOURCE_PATH]: SOURCE }) }));
  });

  test('the preferred fix writes the source\'s date and figures in the draft\'s style', async () => {
    const draft = 'The port authority reopened the north pier on Mar. 5, 2025, after repairs.\n\nRepairs cost the city 9,500 euros. Repairs lasted five days.\n';
    const { results } = await checkDocument(index, draft);
    const fixed = results.reduce((text, r) => {
      const preferred = fixesFor(text, r, inWorkspace).filter((f) => f.kind === 'replace');
      return preferred.reduceRight((t, f) => apply(t, f.edits), text);
    }, draft);
    assert.equal(fixed, 'The port authority reopened the north pier on Mar. 3, 2025, after repairs.\n\nRepairs cost the city 9,800 euros. Repairs lasted seven days.\n');
  });

  test('a footnote reference inside the sentence changes neither its verdict nor the fix, which keeps the reference', async () => {
    const draft = 'The port authority reopened the north pier[^1] on Mar. 5, 2025, after repairs.\n\n[^1]: Port authority notice.\n';
    const { results } = await checkDocument(index, draft);
    assert.deepEqual(results.map((r) => r.verdict), ['conflicting']);
    const [replace] = fixesFor(draft, results[0]!, inWorkspace);
    assert.equal(apply(draft, replace!.edits), draft.replace('Mar. 5', 'Mar. 3'));
  });

  test('the server\'s code actions link a supported statement\'s source relative to the draft', async () => {
    const draft = 'The ferry to Burgas now leaves at noon every day.\n';
    const { results } = await checkDocument(index, draft);
    assert.equal(results[0]!.verdict, 'supported');
    const uri = pathToFileURL(DRAFT_PATH).href;
    const doc = TextDocument.create(uri, 'markdown', 1, draft);
    const report: CheckReport = { uri, version: 1, results, checkedLength: draft.length, textLength: draft.length, fresh: 1 };
    const params = { textDocument: { uri }, range: { start: { line: 0, character: 4 }, end: { line: 0, character: 4 } }, context: { diagnostics: [] } };
    const [action, ...rest] = codeActionsFor(doc, report, params, index, { workspaceFolders: [WS] });
    assert.equal(rest.length, 0);
    assert.equal(action!.title, 'Cite “Varna harbour reopens”');
    const { title } = index.documents[0]!.meta;
    assert.equal(action!.edit!.changes![uri]!.at(-1)!.newText, `\n[^1]: ${title} ([../corpus/harbour.md, line 7](../corpus/harbour.md#L7))\n`);
    // A workspace folder that holds the draft but not the source: no path at all.
    const outside = codeActionsFor(doc, report, params, index, { workspaceFolders: [path.join(WS, 'drafts')] });
    assert.equal(outside[0]!.edit!.changes![uri]!.at(-1)!.newText, `\n[^1]: ${title}\n`);
  });
});

describe('the language server passes its workspace folders to the cite fix', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-fixes-'));
  let client: RawLspClient;
  before(async () => {
    buildCli();
    mkdirSync(path.join(dir, 'corpus'));
    mkdirSync(path.join(dir, 'drafts'));
    writeFileSync(path.join(dir, 'corpus', 'ferry.md'), '# Burgas ferry timetable\n\nThe ferry to Burgas now leaves at noon every day.\n');
    client = await startServerOn(path.join(root, 'dist', 'server.js'), dir, { debounceMs: 20 }, path.join(dir, 'cache'));
  });
  after(() => {
    client?.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  test('a supported statement\'s citation links the source relative to the draft, with no absolute path', async () => {
    const uri = pathToFileURL(path.join(dir, 'drafts', 'ferry.md')).href;
    const text = 'The ferry to Burgas now leaves at noon every day.\n';
    const published = client.diagnostics(uri, 1);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    await published;
    const reply = await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 5 }, end: { line: 0, character: 5 } }, context: { diagnostics: [] } });
    const actions = reply.result as Array<{ title: string; edit: { changes: Record<string, Array<{ newText: string }>> } }>;
    assert.deepEqual(actions.map((a) => a.title), ['Cite “Burgas ferry timetable”']);
    const note = actions[0]!.edit.changes[uri]!.at(-1)!.newText;
    assert.match(note, /^\n\[\^1\]: [^/\\]+ \(\[\.\.\/corpus\/ferry\.md, line 3\]\(\.\.\/corpus\/ferry\.md#L3\)\)\n$/);
    assert.ok(!note.includes(dir), note);
  });
});
