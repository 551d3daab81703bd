/**
 * Chunked syncs: work is queued into batches that stay below a number of cells and of request
 * characters (Excel on the web refuses requests over 5 MB), calculation is suspended for each
 * batch (ExcelApi 1.8), and cancellation is checked before each new batch.
 */
import { Capabilities } from "./capabilities";

/** Batch limits. */
export interface Limits {
  cells: number;
  bytes: number;
}

/** Thrown between batches when the run was cancelled. */
export class Cancelled extends Error {}

/** Queues work into batches; syncs before a batch would exceed the limits. */
export class Batcher {
  private cells = 0;
  private bytes = 0;
  private open = false;
  syncs = 0;
  constructor(
    private ctx: Excel.RequestContext,
    private caps: Capabilities,
    readonly limits: Limits,
    private signal: { aborted: boolean } | undefined,
    private after: () => Promise<void>,
  ) {}
  /** Call before queueing work of this size. */
  async reserve(cells: number, bytes: number): Promise<void> {
    if (this.open && (this.cells + cells > this.limits.cells || this.bytes + bytes > this.limits.bytes)) await this.flush();
    if (!this.open) {
      if (this.signal?.aborted) throw new Cancelled("cancelled");
      if (this.caps.suspendCalculation) this.ctx.application.suspendApiCalculationUntilNextSync();
      this.open = true;
    }
    this.cells += cells;
    this.bytes += bytes + 40;
  }
  async flush(): Promise<void> {
    if (!this.open) return;
    await this.ctx.sync();
    this.syncs++;
    this.open = false;
    this.cells = 0;
    this.bytes = 0;
    await this.after();
  }
}
