/** Sizes of the workloads. */
export interface Sizes {
  /** A training run through the fluent API. */
  readonly training: { params: number; tags: number; metrics: number; steps: number };
  /** One `logBatch` call (the client splits it at MLflow's limits, as MLflow's client does). */
  readonly logBatch: { metrics: number; keys: number; params: number; tags: number };
  /** `getRun` of a run with this many metrics. */
  readonly getRun: { metrics: number };
  /** `searchRuns` with a metric + param filter, ordered by a metric, first page. */
  readonly search: { runs: number; pageSize: number };
  /** Metric history of several runs. */
  readonly history: { runs: number; steps: number };
  /** Async logging of `points` points over `keys` keys (one `logBatchAsync` per step). */
  readonly async: { points: number; keys: number };
}

/** Everything a benchmark run measures and how often. */
export interface Profile {
  readonly name: "full" | "quick" | "smoke";
  readonly sizes: Sizes;
  /** Injected latencies of the workload matrix, in ms. */
  readonly latencies: readonly number[];
  /** Repetitions per cell (the median is reported). */
  readonly reps: number;
  /** Time caps of one repetition, in ms, against the projection from the model and the measured per-request overhead. */
  readonly caps: {
    /** A plugin replay projected to take longer is measured on its first requests and extrapolated. */
    readonly pluginMs: number;
    /** Async logging projected to take longer is measured on its first steps (at least one full batch) and extrapolated. */
    readonly prefixMs: number;
    /** The lower bound is measured where a repetition is projected to take at most this; elsewhere the model stands alone. */
    readonly boundMs: number;
  };
  /**
   * The store's `concurrency` setting, also used by the lower bound: the store's default in the
   * full and quick profiles (a test checks they agree).
   */
  readonly concurrency: number;
  /** The concurrency curve of `logBatch`. */
  readonly curve: {
    readonly latencies: readonly number[];
    readonly concurrencies: readonly number[];
    readonly reps: number;
    /** Cells projected to take longer than this per repetition are measured once. */
    readonly longRepMs: number;
    readonly batch: Sizes["logBatch"];
  };
  /** Async logging throughput, many keys and one key. */
  readonly throughput: {
    readonly latencies: readonly number[];
    readonly reps: number;
    readonly manyKeys: number;
  };
  /** The per-package benchmarks: with their own sizes, smaller ones, or not at all. */
  readonly packageBenches: "full" | "quick" | "skip";
}

const ISSUE_SIZES: Sizes = {
  training: { params: 20, tags: 10, metrics: 5, steps: 200 },
  logBatch: { metrics: 1000, keys: 20, params: 100, tags: 10 },
  getRun: { metrics: 500 },
  search: { runs: 2000, pageSize: 100 },
  history: { runs: 10, steps: 1000 },
  async: { points: 100_000, keys: 100 },
};

const CONCURRENCIES = [1, 2, 4, 8, 16, 32, 64];

/** The store's default `concurrency` (createMlflowStore). */
export const STORE_DEFAULT_CONCURRENCY = 32;

export const PROFILES: Record<Profile["name"], Profile> = {
  full: {
    name: "full",
    sizes: ISSUE_SIZES,
    latencies: [0, 2, 10, 20],
    reps: 5,
    caps: { pluginMs: 300, prefixMs: 1500, boundMs: 2000 },
    concurrency: STORE_DEFAULT_CONCURRENCY,
    curve: {
      latencies: [2, 10, 20],
      concurrencies: CONCURRENCIES,
      reps: 3,
      longRepMs: 1000,
      batch: ISSUE_SIZES.logBatch,
    },
    throughput: { latencies: [2, 10, 20], reps: 3, manyKeys: 100 },
    packageBenches: "full",
  },
  quick: {
    name: "quick",
    sizes: {
      ...ISSUE_SIZES,
      training: { params: 20, tags: 10, metrics: 5, steps: 40 },
      logBatch: { metrics: 400, keys: 20, params: 40, tags: 10 },
      search: { runs: 1000, pageSize: 100 },
      history: { runs: 10, steps: 300 },
    },
    latencies: [0, 2, 10, 20],
    reps: 3,
    caps: { pluginMs: 250, prefixMs: 300, boundMs: 2000 },
    concurrency: STORE_DEFAULT_CONCURRENCY,
    curve: {
      latencies: [2, 10, 20],
      concurrencies: CONCURRENCIES,
      reps: 1,
      longRepMs: 0,
      batch: { metrics: 200, keys: 20, params: 20, tags: 5 },
    },
    throughput: { latencies: [2, 10, 20], reps: 1, manyKeys: 100 },
    packageBenches: "quick",
  },
  smoke: {
    name: "smoke",
    sizes: {
      training: { params: 3, tags: 2, metrics: 2, steps: 4 },
      logBatch: { metrics: 24, keys: 4, params: 5, tags: 2 },
      getRun: { metrics: 12 },
      search: { runs: 30, pageSize: 5 },
      history: { runs: 3, steps: 20 },
      async: { points: 120, keys: 4 },
    },
    latencies: [0, 2],
    reps: 1,
    caps: { pluginMs: 100, prefixMs: 150, boundMs: Number.POSITIVE_INFINITY },
    concurrency: 4,
    curve: {
      latencies: [2],
      concurrencies: [1, 4],
      reps: 1,
      longRepMs: 0,
      batch: { metrics: 12, keys: 3, params: 3, tags: 2 },
    },
    throughput: { latencies: [2], reps: 1, manyKeys: 4 },
    packageBenches: "skip",
  },
};
