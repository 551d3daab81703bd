/**
 * The command line's output files (issue 11): checked before anything is read, written all
 * together or not at all.
 *
 * - `checkOutputPaths`: an output may not resolve (through `..`, a symbolic link or a hard link)
 *   to an input file, two outputs may not be the same file, and each output must be a writable
 *   file path in an existing folder. Every problem is a CoordError naming the flag, the path and
 *   the cause.
 * - `commitOutputs`: every output is first written to a temporary file beside its target
 *   (`.name.<pid>.tmp`); only when all are written are they renamed into place, an existing
 *   target being moved aside first so that a failed rename puts everything back as it was.
 *   Temporary files are removed on failure and on SIGINT / SIGTERM during the write.
 * - `describeFsError`: one line for a file-system error (no stack trace).
 *
 * Test hook (clearly test-only): when the environment variable COORDLAB_TEST_PAUSE_WRITE_MS is
 * set, `commitOutputs` waits that many milliseconds after the first temporary file is written,
 * so that a test can kill the process in the middle of the write; COORDLAB_TEST_FAIL_RENAME=N
 * makes the N-th rename into place (1-based) fail, to test the roll-back.
 */
import * as fs from "fs";
import * as path from "path";
import { CoordError } from "../engine/errors";

/** One output: the flag that named it, its path and its content. */
export interface OutputFile {
  flag: string;
  file: string;
  data?: Uint8Array | string;
}

/** "permission denied", "no space left on the device", ... for an errno code. */
export function describeFsError(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case "ENOENT":
      return "no such file or folder";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EROFS":
      return "the file system is read-only";
    case "ENOSPC":
      return "no space left on the device";
    case "EDQUOT":
      return "the disk quota is exceeded";
    case "EISDIR":
      return "it is a folder";
    case "ENOTDIR":
      return "a part of the path is not a folder";
    case "EEXIST":
      return "the file already exists";
    case "ENAMETOOLONG":
      return "the name is too long";
    case "EMFILE":
    case "ENFILE":
      return "too many open files";
    case "EIO":
      return "an input/output error";
    default:
      return err?.code ? `${err.code}${err.message ? ` (${err.message.replace(/^[A-Z]+: /, "")})` : ""}` : String((e as Error)?.message ?? e);
  }
}

/** The real path of a file that may not exist yet: its folder's real path + its name. */
function realTarget(file: string): string {
  const abs = path.resolve(file);
  try {
    return fs.realpathSync(abs);
  } catch {
    try {
      return path.join(fs.realpathSync(path.dirname(abs)), path.basename(abs));
    } catch {
      return abs;
    }
  }
}

/** Same file: equal real paths, or (both existing) the same device and inode (a hard link). */
function sameFile(a: string, b: string): boolean {
  if (realTarget(a) === realTarget(b)) return true;
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/**
 * Refuse outputs that would overwrite an input or each other, and outputs that cannot be
 * written (empty path, a folder, a missing folder, a folder that is not writable). Call before
 * reading any input.
 */
export function checkOutputPaths(inputs: Array<{ flag: string; file: string }>, outputs: Array<{ flag: string; file: string }>): void {
  for (const o of outputs) {
    if (o.file.trim() === "")
      throw new CoordError("OPTION", `${o.flag} "": the output path is empty; give a file name such as report.xlsx`, { argument: o.flag });
    for (const i of inputs)
      if (sameFile(o.file, i.file))
        throw new CoordError(
          "OPTION",
          `${o.flag} ${o.file} is the same file as the ${i.flag} ${i.file}: the report would overwrite its input; choose another output name`,
          { argument: o.flag },
        );
  }
  for (let a = 0; a < outputs.length; a++)
    for (let b = a + 1; b < outputs.length; b++)
      if (sameFile(outputs[a].file, outputs[b].file))
        throw new CoordError("OPTION", `${outputs[a].flag} and ${outputs[b].flag} name the same file (${outputs[a].file}); give them different names`, {
          argument: outputs[b].flag,
        });
  for (const o of outputs) {
    const abs = path.resolve(o.file);
    let st: fs.Stats | undefined;
    try {
      st = fs.statSync(abs);
    } catch {
      st = undefined;
    }
    if (st?.isDirectory())
      throw new CoordError(
        "OPTION",
        `${o.flag} ${o.file}: it is a folder; give a file name inside it, e.g. ${path.join(o.file, o.flag === "--json" ? "report.json" : "report.xlsx")}`,
        {
          argument: o.flag,
        },
      );
    const dir = path.dirname(abs);
    let ds: fs.Stats;
    try {
      ds = fs.statSync(dir);
    } catch (e) {
      throw new CoordError("OPTION", `${o.flag} ${o.file}: the folder ${dir} does not exist (${describeFsError(e)})`, { argument: o.flag });
    }
    if (!ds.isDirectory()) throw new CoordError("OPTION", `${o.flag} ${o.file}: ${dir} is not a folder`, { argument: o.flag });
    try {
      fs.accessSync(dir, fs.constants.W_OK);
    } catch (e) {
      throw new CoordError("OPTION", `${o.flag} ${o.file}: cannot write in the folder ${dir}: ${describeFsError(e)}`, { argument: o.flag });
    }
  }
}

function tmpName(file: string, tag: string): string {
  const abs = path.resolve(file);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${tag}`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Write every output to a temporary file, then rename them all into place. On any failure the
 * temporary files are removed and targets already replaced are restored (or removed when they
 * did not exist), then a CoordError names the file and the cause. SIGINT / SIGTERM during the
 * write remove the temporary files (and restore replaced targets) before the process exits
 * (exit code 130 / 143).
 */
export async function commitOutputs(outputs: OutputFile[]): Promise<void> {
  const temps: string[] = [];
  /** targets replaced so far: the target and where its previous content was moved (or null) */
  const placed: Array<{ target: string; backup: string | null }> = [];
  let done = false;
  const rollBack = () => {
    for (const t of temps) {
      try {
        if (!fs.lstatSync(t).isDirectory()) fs.rmSync(t, { force: true });
      } catch {
        /* not there (any more) */
      }
    }
    for (const p of placed.reverse()) {
      try {
        if (p.backup) fs.renameSync(p.backup, p.target);
        else fs.rmSync(p.target, { force: true });
      } catch {
        /* best effort: the message below names the file */
      }
    }
    placed.length = 0;
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (!done) rollBack();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const pauseMs = Number(process.env.COORDLAB_TEST_PAUSE_WRITE_MS ?? 0);
  const failRename = Number(process.env.COORDLAB_TEST_FAIL_RENAME ?? 0);
  try {
    for (const o of outputs) {
      const tmp = tmpName(o.file, "tmp");
      temps.push(tmp);
      try {
        fs.writeFileSync(tmp, o.data ?? "");
      } catch (e) {
        throw new CoordError("OPTION", `cannot write ${o.flag} ${o.file}: ${describeFsError(e)}`, { argument: o.flag });
      }
      if (pauseMs > 0) await sleep(pauseMs);
    }
    let n = 0;
    for (let i = 0; i < outputs.length; i++) {
      const o = outputs[i];
      const target = path.resolve(o.file);
      let backup: string | null = null;
      try {
        if (fs.existsSync(target)) {
          backup = tmpName(o.file, "bak");
          fs.renameSync(target, backup);
        }
        placed.push({ target, backup });
        if (failRename > 0 && ++n === failRename) throw Object.assign(new Error("test hook: rename refused"), { code: "EIO" });
        fs.renameSync(temps[i], target);
      } catch (e) {
        throw new CoordError("OPTION", `cannot write ${o.flag} ${o.file}: ${describeFsError(e)}; no output was written`, { argument: o.flag });
      }
    }
    done = true;
    for (const p of placed) if (p.backup) fs.rmSync(p.backup, { force: true });
  } catch (e) {
    rollBack();
    throw e;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
