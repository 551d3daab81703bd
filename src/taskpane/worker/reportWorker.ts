/**
 * The report worker: holds the standalone page's data file and runs the pipeline off the page's
 * main thread (webpack entry reportWorker.js, loaded by src/taskpane/ui/reportClient.ts for the
 * pane and the standalone page). Requests (protocol.ts) are answered one at a time: `load` parses
 * and keeps a file, `run` posts the progress of every stage and, inside long sections, of their
 * steps, then what the page shows; `xlsx` and `json` make the downloads. The page cancels by
 * terminating the worker. No network, no DOM.
 */
import { ownBuffer, previewOf, toWire, WorkerMessage, WorkerRequest } from "./protocol";
import { ReportSession } from "./session";

const scope = self as unknown as { postMessage(m: WorkerMessage, transfer?: Transferable[]): void };
const post = (m: WorkerMessage, transfer: Transferable[] = []) => scope.postMessage(m, transfer);
const session = new ReportSession();

async function answer(req: WorkerRequest): Promise<void> {
  switch (req.type) {
    case "load":
      return post({ type: "loaded", data: await session.load(req) });
    case "run": {
      const result = await session.run(req, {
        onProgress: (stage, fraction, label) => post({ type: "progress", stage, fraction, label }),
        onTick: (stage, fraction, label) => post({ type: "progress", stage, fraction, label }),
      });
      // the whole result only to the Excel pane (it sent the cells, it writes every sheet)
      return post({ type: "done", preview: previewOf(result), ...(req.cells ? { result } : {}) });
    }
    case "xlsx": {
      const bytes = ownBuffer(await session.xlsx());
      return post({ type: "xlsx", bytes }, [bytes]);
    }
    case "json": {
      // UTF-8 bytes, transferred: a county panel's JSON is ~100 MB of text, which a message would copy
      const bytes = ownBuffer(new TextEncoder().encode(session.json()));
      return post({ type: "json", bytes }, [bytes]);
    }
  }
}

self.onmessage = async (ev: MessageEvent<WorkerRequest>) => {
  try {
    await answer(ev.data);
  } catch (e) {
    post({ type: "error", error: toWire(e) });
  }
};
