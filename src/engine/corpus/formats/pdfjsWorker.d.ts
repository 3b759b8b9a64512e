/** pdfjs-dist ships no typings for its worker module; pdf.ts only hands it to pdf.js's fake worker. */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
