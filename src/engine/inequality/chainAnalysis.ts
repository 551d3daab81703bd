/**
 * What a transition matrix implies (M14): communication and recurrent classes, the steady state
 * of each recurrent class and the mean first passage times, after the rows of classes never
 * observed (empty rows) are made absorbing (p_ii = 1), as giddy does.
 */

export interface SteadyState {
  /** The states of one recurrent (closed) communication class, ascending. */
  states: number[];
  /** The stationary distribution concentrated on those states (length k, zeros elsewhere). */
  pi: number[];
}

export interface ChainAnalysis {
  /** True when the filled matrix has one communication class. */
  irreducible: boolean;
  /** Communication classes, each ascending, ordered by their smallest state. */
  communicationClasses: number[][];
  /** The closed communication classes (recurrent states), same order. */
  recurrentClasses: number[][];
  /** One stationary distribution per recurrent class. */
  steadyStates: SteadyState[];
  /** The unique stationary distribution when there is exactly one recurrent class, else null. */
  steadyState: number[] | null;
  /**
   * Mean first passage times m_ij (expected steps from i to reach j; the diagonal is the mean
   * recurrence time 1/π_j). null means infinite: j is not reached from i with probability 1
   * (a transient j on the diagonal); `infinite` flags the same cells.
   */
  mfpt: Array<Array<number | null>>;
  infinite: boolean[][];
}

/** Solve A x = b in place (Gaussian elimination with partial pivoting); A is n x n. */
function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    if (piv !== c) {
      [A[c], A[piv]] = [A[piv], A[c]];
      [b[c], b[piv]] = [b[piv], b[c]];
    }
    const d = A[c][c];
    for (let r = c + 1; r < n; r++) {
      const f = A[r][c] / d;
      if (f === 0) continue;
      for (let j = c; j < n; j++) A[r][j] -= f * A[c][j];
      b[r] -= f * b[c];
    }
  }
  const x = new Array<number>(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let j = r + 1; j < n; j++) s -= A[r][j] * x[j];
    x[r] = s / A[r][r];
  }
  return x;
}

/**
 * Stationary distribution of an irreducible stochastic matrix by the GTH algorithm (Grassmann,
 * Taksar & Heyman 1985): no subtractions, so it keeps full relative accuracy.
 */
function gth(P: number[][]): number[] {
  const n = P.length;
  const A = P.map((r) => r.slice());
  for (let k = 0; k < n - 1; k++) {
    let scale = 0;
    for (let j = k + 1; j < n; j++) scale += A[k][j];
    for (let i = k + 1; i < n; i++) A[i][k] /= scale;
    for (let i = k + 1; i < n; i++) {
      const a = A[i][k];
      if (a === 0) continue;
      for (let j = k + 1; j < n; j++) A[i][j] += a * A[k][j];
    }
  }
  const x = new Array<number>(n).fill(0);
  x[n - 1] = 1;
  for (let k = n - 2; k >= 0; k--) {
    let s = 0;
    for (let i = k + 1; i < n; i++) s += x[i] * A[i][k];
    x[k] = s;
  }
  let total = 0;
  for (const v of x) total += v;
  return x.map((v) => v / total);
}

/** States reachable from each state (reflexive), by repeated squaring of a boolean matrix. */
function reachability(adj: boolean[][]): boolean[][] {
  const k = adj.length;
  const R = adj.map((r, i) => r.map((v, j) => v || i === j));
  for (let m = 0; m < k; m++)
    for (let i = 0; i < k; i++) {
      if (!R[i][m]) continue;
      for (let j = 0; j < k; j++) if (R[m][j]) R[i][j] = true;
    }
  return R;
}

/**
 * Classes, steady states and mean first passage times (M14) of a k x k transition matrix whose
 * rows sum to 1 or are empty (all 0; listed in `emptyRows`, made absorbing first).
 *
 * @example
 * const a = analyseTransitionMatrix([[0.5, 0.5], [0.25, 0.75]]);
 * a.steadyState; // => [0.3333333333333333, 0.6666666666666666]
 * a.mfpt; // => [[3, 2], [4, 1.5]]
 * analyseTransitionMatrix([[1, 0], [0.5, 0.5]]).mfpt; // => [[1, null], [2, null]]
 */
export function analyseTransitionMatrix(P: ReadonlyArray<ReadonlyArray<number>>, emptyRows: readonly number[] = []): ChainAnalysis {
  const k = P.length;
  const F = P.map((r) => r.slice());
  for (const i of emptyRows) F[i][i] = 1;
  const adj = F.map((r) => r.map((v) => v > 0));
  const R = reachability(adj);
  const seen = new Array<boolean>(k).fill(false);
  const communicationClasses: number[][] = [];
  const recurrentClasses: number[][] = [];
  for (let i = 0; i < k; i++) {
    if (seen[i]) continue;
    const cls: number[] = [];
    for (let j = 0; j < k; j++)
      if (R[i][j] && R[j][i]) {
        cls.push(j);
        seen[j] = true;
      }
    communicationClasses.push(cls);
    // closed: nothing reachable from i lies outside its class
    let closed = true;
    for (let j = 0; j < k && closed; j++) if (R[i][j] && !R[j][i]) closed = false;
    if (closed) recurrentClasses.push(cls);
  }
  const steadyStates: SteadyState[] = recurrentClasses.map((states) => {
    const sub = gth(states.map((i) => states.map((j) => F[i][j])));
    const pi = new Array<number>(k).fill(0);
    states.forEach((s, m) => (pi[s] = sub[m]));
    return { states, pi };
  });
  const piOf = new Array<number>(k).fill(0);
  for (const s of steadyStates) for (const i of s.states) piOf[i] = s.pi[i];

  const mfpt: Array<Array<number | null>> = Array.from({ length: k }, () => new Array<number | null>(k).fill(null));
  for (let j = 0; j < k; j++) {
    // states that can reach j at all
    const reachesJ = new Array<boolean>(k).fill(false);
    for (let i = 0; i < k; i++) reachesJ[i] = R[i][j];
    // with j absorbing, i reaches j with probability 1 unless i can reach a state that cannot reach j
    const bad = new Array<boolean>(k).fill(false);
    const stack: number[] = [];
    for (let i = 0; i < k; i++)
      if (!reachesJ[i]) {
        bad[i] = true;
        stack.push(i);
      }
    while (stack.length) {
      const m = stack.pop()!;
      for (let i = 0; i < k; i++)
        if (!bad[i] && i !== j && adj[i][m]) {
          bad[i] = true;
          stack.push(i);
        }
    }
    const good: number[] = [];
    for (let i = 0; i < k; i++) if (!bad[i] && i !== j) good.push(i);
    if (good.length) {
      // first-step equations m_i = 1 + Σ_{l ≠ j} p_il m_l on the states that reach j surely
      const A = good.map((i) => good.map((l) => (i === l ? 1 : 0) - F[i][l]));
      const m = solve(A, new Array<number>(good.length).fill(1));
      good.forEach((i, g) => (mfpt[i][j] = m[g]));
    }
    mfpt[j][j] = piOf[j] > 0 ? 1 / piOf[j] : null; // recurrence time 1/π_j; ∞ for a transient j
  }
  return {
    irreducible: communicationClasses.length === 1,
    communicationClasses,
    recurrentClasses,
    steadyStates,
    steadyState: steadyStates.length === 1 ? steadyStates[0].pi : null,
    mfpt,
    infinite: mfpt.map((r) => r.map((v) => v === null)),
  };
}
