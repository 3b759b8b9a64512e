/**
 * The `corroborate.*` settings as the language server receives them: from `workspace/configuration`
 * or the client's `initializationOptions`, in any shape an editor sends — nested (`severity:
 * {conflicting}`), dotted (`"severity.conflicting"`) or wrapped in `{corroborate: {...}}`. Validated
 * the way the extension validates them: a wrong value falls back to its default with a message.
 */
import type { Verdict } from '../engine';

export type RunMode = 'onType' | 'onSave' | 'manual';
export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'none';
export type FindingVerdict = 'conflicting' | 'contested' | 'unverified';

export interface ServerSettings {
  corpusPaths: string[];
  languages: string[];
  run: RunMode;
  debounceMs: number;
  minimumConfidence: number;
  showUnverified: boolean;
  maxDraftSize: number;
  severity: Record<FindingVerdict, SeverityName>;
  /** Which statements get a hover: every checked one, findings only, or none. */
  hover: HoverMode;
  /** How the Cite fix names its source: a link to the file (relative to the draft), or the document's label only. */
  citationStyle: CitationStyle;
  /** Follow symbolic links that lead out of the corpus folders (user settings only in VS Code). */
  followLinksOutsideSources: boolean;
}

export type HoverMode = 'all' | 'findings' | 'off';
export type CitationStyle = 'link' | 'label';

/** The same defaults as the extension's package.json contributes. */
const DEFAULTS: ServerSettings = {
  corpusPaths: [],
  // Markdown is where drafts are written; plain-text files are as often logs, data or notes, so
  // checking them is the writer's choice (add "plaintext").
  languages: ['markdown'],
  run: 'onType',
  debounceMs: 400,
  minimumConfidence: 0.5,
  showUnverified: true,
  maxDraftSize: 300_000,
  severity: { conflicting: 'warning', contested: 'information', unverified: 'hint' },
  hover: 'all',
  citationStyle: 'link',
  followLinksOutsideSources: false,
};
export const DEFAULT_SETTINGS: Readonly<ServerSettings> = Object.freeze(DEFAULTS);

const SEVERITIES: readonly SeverityName[] = ['error', 'warning', 'information', 'hint', 'none'];
const RUN_MODES: readonly RunMode[] = ['onType', 'onSave', 'manual'];
const HOVER_MODES: readonly HoverMode[] = ['all', 'findings', 'off'];
const CITATION_STYLES: readonly CitationStyle[] = ['link', 'label'];

type Problem = (message: string) => void;
type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The settings object inside whatever a client sent: `{corroborate: {...}}` or the section itself.
 * Anything that is not an object (null, a string) holds no settings.
 */
export function settingsSection(value: unknown): Raw | undefined {
  if (!isRecord(value)) return undefined;
  return isRecord(value.corroborate) ? value.corroborate : value;
}

/** A key of the section: `severity.conflicting` is found nested or dotted. */
function lookup(raw: Raw, key: string): unknown {
  if (key in raw) return raw[key];
  const [head, ...rest] = key.split('.');
  const inner = raw[head];
  return rest.length && isRecord(inner) ? lookup(inner, rest.join('.')) : undefined;
}

function stringList(value: unknown, fallback: readonly string[], name: string, problem: Problem): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v) => v.trim()).filter(Boolean);
  if (value !== undefined && value !== null) problem(`corroborate.${name} must be a list of strings; using ${JSON.stringify(fallback)}.`);
  return [...fallback];
}

function numberIn(value: unknown, fallback: number, min: number, max: number, name: string, problem: Problem): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
  if (value !== undefined && value !== null) problem(`corroborate.${name} must be a number from ${min} to ${max}; using ${fallback}.`);
  return fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, name: string, problem: Problem): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  if (value !== undefined && value !== null) problem(`corroborate.${name} must be one of ${allowed.join(', ')}; using ${fallback}.`);
  return fallback;
}

function bool(value: unknown, fallback: boolean, name: string, problem: Problem): boolean {
  if (typeof value === 'boolean') return value;
  if (value !== undefined && value !== null) problem(`corroborate.${name} must be true or false; using ${fallback}.`);
  return fallback;
}

/** Every setting's key under `corroborate.`, for hosts that read them one by one (VS Code). */
export const SETTING_KEYS: readonly string[] = [
  'corpusPaths', 'languages', 'run', 'debounceMs', 'minimumConfidence', 'showUnverified', 'maxDraftSize',
  'severity.conflicting', 'severity.contested', 'severity.unverified', 'hover', 'citationStyle', 'followLinksOutsideSources',
];

/**
 * Validated settings from the layers a client sent, later layers winning key by key (an editor
 * that answers `workspace/configuration` with nothing for a key keeps the initialization value).
 * Never throws; each bad value is reported through `problem` once per call.
 */
export function readSettings(layers: unknown[], problem: Problem): ServerSettings {
  const sections = layers.map(settingsSection).filter((s): s is Raw => s !== undefined);
  const raw = (key: string): unknown => {
    let found: unknown;
    for (const s of sections) {
      const v = lookup(s, key);
      if (v !== undefined && v !== null) found = v;
    }
    return found;
  };
  const d = DEFAULT_SETTINGS;
  return {
    corpusPaths: stringList(raw('corpusPaths'), d.corpusPaths, 'corpusPaths', problem),
    languages: stringList(raw('languages'), d.languages, 'languages', problem),
    run: oneOf(raw('run'), RUN_MODES, d.run, 'run', problem),
    debounceMs: numberIn(raw('debounceMs'), d.debounceMs, 0, 10_000, 'debounceMs', problem),
    minimumConfidence: numberIn(raw('minimumConfidence'), d.minimumConfidence, 0, 1, 'minimumConfidence', problem),
    showUnverified: bool(raw('showUnverified'), d.showUnverified, 'showUnverified', problem),
    maxDraftSize: numberIn(raw('maxDraftSize'), d.maxDraftSize, 1000, 50_000_000, 'maxDraftSize', problem),
    severity: {
      conflicting: oneOf(raw('severity.conflicting'), SEVERITIES, d.severity.conflicting, 'severity.conflicting', problem),
      contested: oneOf(raw('severity.contested'), SEVERITIES, d.severity.contested, 'severity.contested', problem),
      unverified: oneOf(raw('severity.unverified'), SEVERITIES, d.severity.unverified, 'severity.unverified', problem),
    },
    hover: oneOf(raw('hover'), HOVER_MODES, d.hover, 'hover', problem),
    citationStyle: oneOf(raw('citationStyle'), CITATION_STYLES, d.citationStyle, 'citationStyle', problem),
    followLinksOutsideSources: bool(raw('followLinksOutsideSources'), d.followLinksOutsideSources, 'followLinksOutsideSources', problem),
  };
}

/** The severity a verdict is shown with, or undefined when it is not shown at all. */
export function severityNameFor(settings: ServerSettings, verdict: Verdict): Exclude<SeverityName, 'none'> | undefined {
  if (verdict !== 'conflicting' && verdict !== 'contested' && verdict !== 'unverified') return undefined;
  if (verdict === 'unverified' && !settings.showUnverified) return undefined;
  const name = settings.severity[verdict];
  return name === 'none' ? undefined : name;
}

/**
 * Editors name plain text and Markdown differently (VS Code `plaintext`, Neovim and Helix `text`,
 * Zed `Plain Text` and `Markdown`); the `languages` setting uses VS Code's ids, so a client's id is
 * read as the one it means before it is compared.
 */
export function canonicalLanguage(languageId: string): string {
  const id = languageId.trim().toLowerCase();
  if (id === 'text' || id === 'txt' || id === 'plain text' || id === 'plain_text') return 'plaintext';
  if (id === 'md' || id === 'markdown') return 'markdown';
  return id;
}

/** Whether the settings' `languages` include a client's language id. */
export function languageChecked(settings: ServerSettings, languageId: string): boolean {
  const id = canonicalLanguage(languageId);
  return settings.languages.some((l) => canonicalLanguage(l) === id);
}
