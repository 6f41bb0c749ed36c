import type { Sizes } from "../profiles.js";
import { asyncLoggingWorkload } from "./async-logging.js";
import { getRunWorkload } from "./get-run.js";
import { logBatchWorkload } from "./log-batch.js";
import { metricHistoryWorkload } from "./metric-history.js";
import { searchRunsWorkload } from "./search-runs.js";
import { trainingRunWorkload } from "./training-run.js";
import type { Workload } from "./workload.js";

/** Every workload of the matrix, in report order. */
export function createWorkloads(sizes: Sizes): Workload[] {
  return [
    trainingRunWorkload(sizes.training, "sync"),
    trainingRunWorkload(sizes.training, "async"),
    logBatchWorkload(sizes.logBatch),
    getRunWorkload(sizes.getRun),
    searchRunsWorkload(sizes.search),
    metricHistoryWorkload(sizes.history),
    asyncLoggingWorkload(sizes.async),
  ] as Workload[];
}
