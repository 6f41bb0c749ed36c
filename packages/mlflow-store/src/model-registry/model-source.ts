import { type ModelArtifact, REGISTRY_API_PREFIX as P } from "@model-registry/registry-client";
import { appendToUriPath } from "../artifacts/artifact-uri.js";
import { fetchModelArtifact } from "../logged-models/model-artifact-store.js";
import { customPropertyText, customPropertyTexts } from "../mapping/custom-property-text.js";
import {
  isRecordedModelArtifact,
  loggedModelFromArtifact,
  MODEL_KEYS,
} from "../mapping/logged-model.js";
import { toRunInfo } from "../mapping/run.js";
import { MlflowError } from "../mlflow-error.js";
import { registryCall } from "../operations/registry-call.js";
import { ARTIFACT_LIST } from "../operations/response-shapes.js";
import { fetchRun } from "../operations/run-access.js";
import { compareVersionNames } from "../search/order-model-registry.js";
import type { StoreContext } from "../store-context.js";
import { flavorsOfArtifact, modelFormatFromFlavors } from "./model-format.js";
import type { ModelFormat } from "./model-registry-types.js";
import {
  listVersionsOf,
  requireLiveModel,
  requireLiveVersion,
  versionArtifact,
} from "./registry-access.js";
import { modelAliases, REGISTRY_KEYS } from "./registry-layout.js";

/** Where a model version's files are and what the source says about them. @internal */
export interface ResolvedSource {
  /** The model artifact's `uri`. */
  readonly storageLocation: string;
  /** The run that produced the model, when the source names one. */
  readonly runId?: string;
  /** The logged model, for `models:/<modelId>`. */
  readonly modelId?: string;
  /** Model format from the MLflow flavor, when known. */
  readonly format?: ModelFormat;
}

/** A parsed `runs:/<runId>/<path>` URI, or undefined. @internal */
export function parseRunsUri(uri: string): { runId: string; path: string } | undefined {
  const match = /^runs:\/+([^/]+)\/?(.*)$/.exec(uri);
  if (match === null) return undefined;
  return { runId: match[1] ?? "", path: (match[2] ?? "").replace(/\/+$/, "") };
}

/** A parsed `models:/…` URI, or undefined. @internal */
export type ModelsUri =
  | { kind: "logged-model"; modelId: string }
  | { kind: "version"; name: string; version: string }
  | { kind: "alias"; name: string; alias: string };

/** Parses `models:/<modelId>`, `models:/<name>/<version|latest>` and `models:/<name>@<alias>`. @internal */
export function parseModelsUri(uri: string): ModelsUri | undefined {
  if (!uri.startsWith("models:/")) return undefined;
  const path = uri.slice("models:/".length).replace(/^\/+|\/+$/g, "");
  const slash = path.lastIndexOf("/");
  if (slash > 0)
    return { kind: "version", name: path.slice(0, slash), version: path.slice(slash + 1) };
  const at = path.lastIndexOf("@");
  if (at > 0) return { kind: "alias", name: path.slice(0, at), alias: path.slice(at + 1) };
  return path === "" ? undefined : { kind: "logged-model", modelId: path };
}

function unreadable(source: string, error: unknown): MlflowError {
  const detail = error instanceof Error ? error.message : String(error);
  return new MlflowError(
    `Unable to fetch model from model URI source artifact location '${source}'. Error: ${detail}`,
    (error as MlflowError | undefined)?.errorCode ?? "RESOURCE_DOES_NOT_EXIST",
    { cause: error },
  );
}

/** The model artifacts posted to a run (logged models and recorded MLmodel entries). */
async function runModelArtifacts(
  ctx: StoreContext,
  runId: string,
  what: string,
): Promise<ModelArtifact[]> {
  const page = await registryCall(
    what,
    ARTIFACT_LIST,
    ctx.client.GET(`${P}/experiment_runs/{experimentrunId}/artifacts`, {
      params: {
        path: { experimentrunId: runId },
        query: { artifactType: "model-artifact", pageSize: "1000" },
      },
    }),
  );
  return page.items.filter((item): item is ModelArtifact => item.artifactType === "model-artifact");
}

/**
 * A logged model's source: its location and run, and the format of its flavors. Models this
 * package logs carry their flavors; for one that does not (MLflow 3 logging through the Python
 * plugin records the MLmodel as a separate entry on the run, whose `mlflow__model_uuid` is the
 * model's id), that entry's flavors are read, at the cost of one more request.
 */
async function fromLoggedModel(
  ctx: StoreContext,
  modelId: string,
  what: string,
  needsFormat: boolean,
): Promise<ResolvedSource> {
  const artifact = await fetchModelArtifact(ctx, modelId);
  const model = loggedModelFromArtifact(artifact);
  let flavors = flavorsOfArtifact(artifact);
  if (needsFormat && Object.keys(flavors).length === 0 && model.sourceRunId !== null) {
    const recorded = (await runModelArtifacts(ctx, model.sourceRunId, what)).find(
      (item) =>
        isRecordedModelArtifact(item) &&
        customPropertyText(item.customProperties?.[MODEL_KEYS.modelUuid]) === modelId,
    );
    if (recorded !== undefined) flavors = flavorsOfArtifact(recorded);
  }
  const format = modelFormatFromFlavors(flavors);
  return {
    storageLocation: model.artifactLocation,
    modelId: model.modelId,
    ...(model.sourceRunId !== null ? { runId: model.sourceRunId } : {}),
    ...(format !== undefined ? { format } : {}),
  };
}

/** The run's artifact URI joined with `path`; the flavor of an MLmodel recorded at that path. */
async function fromRun(
  ctx: StoreContext,
  runId: string,
  path: string,
  what: string,
  needsFormat: boolean,
): Promise<ResolvedSource> {
  const [run, artifacts] = await Promise.all([
    fetchRun(ctx, runId, what),
    needsFormat ? runModelArtifacts(ctx, runId, what) : [],
  ]);
  const recorded = artifacts.find(
    (item) => customPropertyText(item.customProperties?.[MODEL_KEYS.artifactPath]) === path,
  );
  const format = recorded ? modelFormatFromFlavors(flavorsOfArtifact(recorded)) : undefined;
  return {
    storageLocation: appendToUriPath(toRunInfo(run, ctx.artifactRoot).artifactUri, path),
    runId,
    ...(format !== undefined ? { format } : {}),
  };
}

/** The download location of another registered model version (`models:/<name>/<version>`). */
async function fromVersion(
  ctx: StoreContext,
  name: string,
  version: string,
  what: string,
): Promise<ResolvedSource> {
  const model = await requireLiveModel(ctx, name, what);
  let target = version;
  if (version === "latest") {
    const live = (await listVersionsOf(ctx, model.id ?? "", what, 'state = "LIVE"')).sort((a, b) =>
      compareVersionNames(a.name, b.name),
    );
    const latest = live.at(-1);
    if (latest === undefined)
      throw new MlflowError(`No versions of model ${name}`, "RESOURCE_DOES_NOT_EXIST");
    target = latest.name;
  }
  const found = await requireLiveVersion(ctx, model, target, what);
  const artifact = await versionArtifact(ctx, found, model, what);
  const props = customPropertyTexts(found.customProperties);
  const location = artifact?.uri ?? props[REGISTRY_KEYS.source];
  if (location === undefined) {
    throw new MlflowError(
      `Model version ${name}/${target} has no location`,
      "RESOURCE_DOES_NOT_EXIST",
    );
  }
  const format =
    artifact?.modelFormatName !== undefined
      ? {
          name: artifact.modelFormatName,
          ...(artifact.modelFormatVersion !== undefined
            ? { version: artifact.modelFormatVersion }
            : {}),
        }
      : undefined;
  const runId = props[REGISTRY_KEYS.runId];
  const modelId = props[REGISTRY_KEYS.modelId];
  return {
    storageLocation: location,
    ...(runId !== undefined ? { runId } : {}),
    ...(modelId !== undefined ? { modelId } : {}),
    ...(format !== undefined ? { format } : {}),
  };
}

/**
 * Resolves a model version's source: `models:/<modelId>` → the logged model's artifact location,
 * source run and flavor (one GET; two for a model whose flavors are only in a recorded MLmodel
 * entry of its run); `models:/<name>/<version>` and `models:/<name>@<alias>` →
 * that version's location; `runs:/<runId>/<path>` → the run's artifact URI joined with the path
 * (and the flavor of an MLmodel recorded there; two GETs, concurrent, or one when the caller
 * already knows the format: `needsFormat: false`); anything else as is.
 * @internal
 */
export async function resolveModelSource(
  ctx: StoreContext,
  source: string,
  what: string,
  { needsFormat = true }: { needsFormat?: boolean } = {},
): Promise<ResolvedSource> {
  const models = parseModelsUri(source);
  const runs = parseRunsUri(source);
  try {
    if (models?.kind === "logged-model") {
      return await fromLoggedModel(ctx, models.modelId, what, needsFormat);
    }
    if (models?.kind === "version")
      return await fromVersion(ctx, models.name, models.version, what);
    if (models?.kind === "alias") {
      const model = await requireLiveModel(ctx, models.name, what);
      const version = modelAliases(model)[models.alias];
      if (version === undefined) {
        throw MlflowError.invalidParameterValue(
          `Registered model alias ${models.alias} not found.`,
        );
      }
      return await fromVersion(ctx, models.name, version, what);
    }
    if (runs !== undefined) return await fromRun(ctx, runs.runId, runs.path, what, needsFormat);
  } catch (error) {
    throw unreadable(source, error);
  }
  return { storageLocation: source };
}
