// Runs inside the evidence webview: a click on a source asks the extension to open it at its line.
// The statement the panel shows is kept as the webview's state, so VS Code can restore the panel
// (asking the extension for that statement again) after a reload.
(function () {
  const vscode = acquireVsCodeApi();
  const statement = document.body.dataset.statement;
  if (statement) vscode.setState(JSON.parse(statement));
  document.addEventListener('click', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement) || target.dataset.evidence === undefined) return;
    vscode.postMessage({ open: Number(target.dataset.evidence) });
  });
})();
