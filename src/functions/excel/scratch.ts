/**
 * Scratch typed arrays that a custom function reuses from one call to the next, for the columns
 * it reads and drops before it returns (COORD.HAKENFIT: three Float64Arrays and the unit ids of
 * 10⁶ rows, 28 MB per call). Allocating them afresh on every recalculation makes V8 run a young
 * collection in the middle of the call (new typed arrays beyond twice the young space force one),
 * which moves them to the old space, so that every other call ends in a full collection of the
 * caller's 4·10⁶ one-cell row arrays (~0.4 s on this machine). The buffers are held through a
 * WeakRef: a full collection may take them back, and the next call allocates new ones. Without
 * WeakRef (an older runtime) every call allocates. A buffer handed out is valid until the next
 * request for the same slot: callers must not keep it (nor anything that reads it) after they return.
 */
interface WeakRefLike<T> {
  deref(): T | undefined;
}
type WeakRefConstructor = new <T extends object>(target: T) => WeakRefLike<T>;

const WeakRefCtor = (globalThis as { WeakRef?: WeakRefConstructor }).WeakRef;

export class Scratch {
  private readonly slots = new Map<string, WeakRefLike<ArrayBuffer>>();

  /** A Float64Array of length n in slot `name` (contents undefined: the caller fills every entry). */
  float64(name: string, n: number): Float64Array {
    return new Float64Array(this.buffer(name, n * 8), 0, n);
  }

  /** An Int32Array of length n in slot `name` (contents undefined). */
  int32(name: string, n: number): Int32Array {
    return new Int32Array(this.buffer(name, n * 4), 0, n);
  }

  private buffer(name: string, bytes: number): ArrayBuffer {
    if (WeakRefCtor === undefined) return new ArrayBuffer(bytes);
    const held = this.slots.get(name)?.deref();
    if (held !== undefined && held.byteLength >= bytes && held.byteLength <= 2 * bytes + 4096) return held;
    const b = new ArrayBuffer(bytes);
    this.slots.set(name, new WeakRefCtor(b));
    return b;
  }
}
