/**
 * The report worker: runs the pipeline off the page's main thread (webpack entry
 * reportWorker.js, loaded by the pane and the standalone page through runWithProgress). It posts
 * the progress of every stage and, inside long sections, of their steps; the page cancels by
 * terminating it. No network, no DOM: the request in, messages out.
 */
import { runReport } from "../../report/pipeline";
import { RunRequest, toWire, WorkerMessage } from "./protocol";

const post = (m: WorkerMessage) => (self as unknown as { postMessage(m: WorkerMessage): void }).postMessage(m);

self.onmessage = async (ev: MessageEvent<RunRequest>) => {
  const { cells, roles, options, meta } = ev.data;
  try {
    const result = await runReport(
      cells,
      roles,
      options,
      {
        onProgress: (stage, fraction, label) => post({ type: "progress", stage, fraction, label }),
        onTick: (stage, fraction, label) => post({ type: "progress", stage, fraction, label }),
      },
      meta,
    );
    post({ type: "done", result });
  } catch (e) {
    post({ type: "error", error: toWire(e) });
  }
};
