/**
 * A cancellation flag the engine's loops read. The LSP library's CancellationTokenSource is not
 * used for the server's own work: cancelling one twice before its token was read throws, and a
 * superseded check is routinely cancelled by both the edit and the check that replaces it.
 */
export class Cancellation {
  isCancellationRequested = false;

  cancel(): void {
    this.isCancellationRequested = true;
  }
}
