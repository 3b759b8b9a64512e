import * as vscode from 'vscode';
import type { Verdict } from '../engine';

export type RunMode = 'onType' | 'onSave' | 'manual';
export type { SeverityName } from '../server/settings';
import { DEFAULT_SETTINGS, type SeverityName } from '../server/settings';

/** Every setting, validated: a wrong value falls back to the default and is reported once. */
export interface Settings {
  corpusPaths: string[];
  languages: string[];
  run: RunMode;
  debounceMs: number;
  minimumConfidence: number;
  showUnverified: boolean;
  maxDraftSize: number;
  severity: Record<'conflicting' | 'contested' | 'unverified', SeverityName>;
}

/** The language server's defaults, which are package.json's: one list for every front end. */
export const DEFAULTS: Settings = DEFAULT_SETTINGS;

const SEVERITIES: SeverityName[] = ['error', 'warning', 'information', 'hint', 'none'];

type Problem = (message: string) => void;

function stringList(value: unknown, fallback: string[], name: string, problem: Problem): string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v) => v.trim()).filter(Boolean);
  if (value !== undefined) problem(`corroborate.${name} must be a list of strings; using ${JSON.stringify(fallback)}.`);
  return fallback;
}

function numberIn(value: unknown, fallback: number, min: number, max: number, name: string, problem: Problem): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max) return value;
  if (value !== undefined) problem(`corroborate.${name} must be a number from ${min} to ${max}; using ${fallback}.`);
  return fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, name: string, problem: Problem): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  if (value !== undefined) problem(`corroborate.${name} must be one of ${allowed.join(', ')}; using ${fallback}.`);
  return fallback;
}

/** Reads the settings for a resource (or the window), never throwing on bad values. */
export function readSettings(scope: vscode.ConfigurationScope | undefined, problem: Problem): Settings {
  const c = vscode.workspace.getConfiguration('corroborate', scope);
  const raw = (key: string) => c.get<unknown>(key);
  const bool = (key: string, fallback: boolean) => {
    const v = raw(key);
    if (typeof v === 'boolean') return v;
    if (v !== undefined) problem(`corroborate.${key} must be true or false; using ${fallback}.`);
    return fallback;
  };
  return {
    corpusPaths: stringList(raw('corpusPaths'), DEFAULTS.corpusPaths, 'corpusPaths', problem),
    languages: stringList(raw('languages'), DEFAULTS.languages, 'languages', problem),
    run: oneOf(raw('run'), ['onType', 'onSave', 'manual'] as const, DEFAULTS.run, 'run', problem),
    debounceMs: numberIn(raw('debounceMs'), DEFAULTS.debounceMs, 0, 10_000, 'debounceMs', problem),
    minimumConfidence: numberIn(raw('minimumConfidence'), DEFAULTS.minimumConfidence, 0, 1, 'minimumConfidence', problem),
    showUnverified: bool('showUnverified', DEFAULTS.showUnverified),
    maxDraftSize: numberIn(raw('maxDraftSize'), DEFAULTS.maxDraftSize, 1000, 50_000_000, 'maxDraftSize', problem),
    severity: {
      conflicting: oneOf(raw('severity.conflicting'), SEVERITIES, DEFAULTS.severity.conflicting, 'severity.conflicting', problem),
      contested: oneOf(raw('severity.contested'), SEVERITIES, DEFAULTS.severity.contested, 'severity.contested', problem),
      unverified: oneOf(raw('severity.unverified'), SEVERITIES, DEFAULTS.severity.unverified, 'severity.unverified', problem),
    },
  };
}

export function severityFor(settings: Settings, verdict: Verdict): vscode.DiagnosticSeverity | undefined {
  if (verdict !== 'conflicting' && verdict !== 'contested' && verdict !== 'unverified') return undefined;
  if (verdict === 'unverified' && !settings.showUnverified) return undefined;
  switch (settings.severity[verdict]) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'information':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
    default:
      return undefined;
  }
}
