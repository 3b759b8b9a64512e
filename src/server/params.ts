/**
 * Checking the parameters of the server's own requests: a client's mistake gets an InvalidParams
 * error that says what was expected, never an exception from deep inside a handler.
 */
import { ErrorCodes, LSPErrorCodes, ResponseError, type Position, type Range } from 'vscode-languageserver/node';

export function invalid(message: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, message);
}

export function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
}

export function record(params: unknown, method: string): Record<string, unknown> {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw invalid(`${method} takes an object of parameters.`);
  return params as Record<string, unknown>;
}

export function uriParam(params: Record<string, unknown>, method: string): string {
  if (typeof params.uri !== 'string' || !params.uri) throw invalid(`${method} needs a document uri (a string).`);
  return params.uri;
}

export function positionParam(value: unknown, method: string): Position {
  const p = value as Partial<Position> | undefined;
  const ok = (n: unknown) => typeof n === 'number' && Number.isInteger(n) && n >= 0;
  if (!p || !ok(p.line) || !ok(p.character)) throw invalid(`${method} needs a position {line, character} of whole numbers ≥ 0.`);
  return { line: p.line!, character: p.character! };
}

export function isRange(value: unknown): value is Range {
  const r = value as Range | undefined;
  const ok = (p: unknown) => {
    const q = p as { line?: unknown; character?: unknown } | undefined;
    return !!q && Number.isInteger(q.line) && Number.isInteger(q.character);
  };
  return !!r && ok(r.start) && ok(r.end);
}
