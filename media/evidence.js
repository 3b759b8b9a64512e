// Runs inside the evidence webview: a click on a source asks the extension to open it at its line.
(function () {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || target.dataset.evidence === undefined) return;
    vscode.postMessage({ open: Number(target.dataset.evidence) });
  });
})();
