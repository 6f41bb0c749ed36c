import { MlflowError } from "./mlflow-error.js";
import type { MlflowStore } from "./types.js";

type TraceMethod =
  | "startTrace"
  | "endTrace"
  | "deleteTraces"
  | "getTraceInfo"
  | "searchTraces"
  | "setTraceTag"
  | "deleteTraceTag";

function unsupported(method: TraceMethod): (...args: unknown[]) => Promise<never> {
  return () =>
    Promise.reject(
      new MlflowError(
        `${method} is not supported: Kubeflow Model Registry has no storage for MLflow traces, so this tracking store cannot record or read them.`,
        "NOT_IMPLEMENTED",
      ),
    );
}

/**
 * MLflow's trace operations. Kubeflow Model Registry cannot store traces, so each one rejects with
 * an {@link MlflowError} whose `errorCode` is `NOT_IMPLEMENTED` (HTTP 501).
 * @public
 */
export const traceOperations: Pick<MlflowStore, TraceMethod> = {
  startTrace: unsupported("startTrace"),
  endTrace: unsupported("endTrace"),
  deleteTraces: unsupported("deleteTraces"),
  getTraceInfo: unsupported("getTraceInfo"),
  searchTraces: unsupported("searchTraces"),
  setTraceTag: unsupported("setTraceTag"),
  deleteTraceTag: unsupported("deleteTraceTag"),
};
