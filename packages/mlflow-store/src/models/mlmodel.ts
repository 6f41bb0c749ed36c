import packageJson from "../../package.json" with { type: "json" };

/**
 * A model signature as MLflow stores it: `inputs`, `outputs` and `params` schemas, each the JSON
 * text MLflow writes (e.g. `'[{"type": "double", "name": "x"}]'`) or the array/object it encodes.
 * @public
 */
export interface ModelSignature {
  inputs?: string | readonly unknown[] | Record<string, unknown>;
  outputs?: string | readonly unknown[] | Record<string, unknown>;
  params?: string | readonly unknown[] | Record<string, unknown>;
}

/** What goes into an MLmodel file. @internal */
export interface MlmodelInput {
  /** MLflow 3 writes the logged model's artifact location here. */
  artifactPath: string;
  flavors: Record<string, unknown>;
  modelId: string;
  runId?: string | undefined;
  utcTimeCreated: string;
  signature?: ModelSignature | undefined;
  metadata?: Record<string, unknown> | undefined;
  modelSizeBytes?: number | undefined;
  mlflowVersion?: string | undefined;
}

/** Version of this package, recorded in MLmodel files as `mlflow_store_version`. @internal */
export const MLFLOW_STORE_VERSION: string = packageJson.version;

function schemaText(value: ModelSignature["inputs"]): string | null {
  if (value === undefined) return null;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * MLflow's `utc_time_created`: Python's `str()` of a naive UTC datetime,
 * `YYYY-MM-DD HH:MM:SS.ffffff` (no fraction when it is zero).
 * @internal
 */
export function utcTimeCreated(epochMillis: number): string {
  const iso = new Date(epochMillis).toISOString(); // 2025-01-02T03:04:05.678Z
  const millis = iso.slice(20, 23);
  const base = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return millis === "000" ? base : `${base}.${millis}000`;
}

/**
 * The MLmodel dictionary with MLflow's field names (`artifact_path`, `flavors`, `model_uuid`,
 * `model_id`, `run_id`, `utc_time_created`, `signature`, `metadata`, `model_size_bytes`,
 * `mlflow_version` when given) plus `mlflow_store_version`, the version of this package that wrote
 * it. As in MLflow 3, `model_uuid` is the logged model's id, and absent fields are left out.
 * @internal
 */
export function buildMlmodel(input: MlmodelInput): Record<string, unknown> {
  const dict: Record<string, unknown> = {
    artifact_path: input.artifactPath,
    flavors: input.flavors,
    model_uuid: input.modelId,
    model_id: input.modelId,
    utc_time_created: input.utcTimeCreated,
    mlflow_store_version: MLFLOW_STORE_VERSION,
  };
  if (input.runId !== undefined) dict["run_id"] = input.runId;
  if (input.mlflowVersion !== undefined) dict["mlflow_version"] = input.mlflowVersion;
  if (input.signature !== undefined) {
    dict["signature"] = {
      inputs: schemaText(input.signature.inputs),
      outputs: schemaText(input.signature.outputs),
      params: schemaText(input.signature.params),
    };
  }
  if (input.metadata !== undefined) dict["metadata"] = input.metadata;
  if (input.modelSizeBytes !== undefined) dict["model_size_bytes"] = input.modelSizeBytes;
  return dict;
}
