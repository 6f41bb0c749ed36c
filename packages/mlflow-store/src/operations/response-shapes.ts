import {
  ArtifactSchema,
  ExperimentRunSchema,
  ExperimentSchema,
  MetricSchema,
  ModelVersionSchema,
  RegisteredModelSchema,
} from "@model-registry/registry-client/schemas";
import { MlflowError } from "../mlflow-error.js";

/** The part of a zod schema the store uses (so it needs no zod import of its own). */
interface Schema {
  safeParse(value: unknown): {
    success: boolean;
    error?: { issues: readonly { path: readonly PropertyKey[]; message: string }[] };
  };
}

/**
 * A check of one registry response body: throws an {@link MlflowError} when the body does not
 * have the shape the store reads, so a broken or hostile registry never surfaces as a TypeError.
 * @internal
 */
export interface ResponseShape {
  /** What the body is, for messages ("run", "artifact list"). */
  readonly name: string;
  check(value: unknown, what: string): void;
}

function describePath(at: string, path: readonly PropertyKey[]): string {
  return [...(at ? [at] : []), ...path.map(String)].join(".") || "body";
}

/** The error for a body that does not have the expected shape. @internal */
export function malformedResponse(what: string, name: string, detail: string): MlflowError {
  return new MlflowError(
    `${what} failed: the registry sent a malformed ${name} (${detail.slice(0, 300)})`,
    "INTERNAL_ERROR",
  );
}

function checkEntity(schema: Schema, value: unknown, what: string, name: string, at: string) {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error?.issues[0];
    const path = describePath(at, issue?.path ?? []);
    throw malformedResponse(what, name, `${path}: ${issue?.message ?? "invalid"}`);
  }
  if (typeof (value as { id?: unknown }).id !== "string") {
    throw malformedResponse(what, name, `${describePath(at, ["id"])}: expected a string`);
  }
}

/** One entity with a string `id`, checked against the registry's schema. */
function entity(name: string, schema: Schema): ResponseShape {
  return {
    name,
    check: (value, what) => checkEntity(schema, value, what, name, ""),
  };
}

/**
 * A list page: `items` an array of entities with string ids, `nextPageToken` a string when
 * present (registry pagers check it further).
 */
function list(name: string, item: Schema): ResponseShape {
  return {
    name,
    check(value, what) {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw malformedResponse(what, name, "body: expected an object");
      }
      const { items, nextPageToken } = value as { items?: unknown; nextPageToken?: unknown };
      if (!Array.isArray(items)) throw malformedResponse(what, name, "items: expected an array");
      if (nextPageToken !== undefined && typeof nextPageToken !== "string") {
        throw malformedResponse(what, name, "nextPageToken: expected a string");
      }
      items.forEach((element, index) => {
        checkEntity(item, element, what, name, `items.${index}`);
      });
    },
  };
}

/** `Experiment`. @internal */
export const EXPERIMENT = entity("experiment", ExperimentSchema);
/** `ExperimentList`. @internal */
export const EXPERIMENT_LIST = list("experiment list", ExperimentSchema);
/** `ExperimentRun`. @internal */
export const RUN = entity("run", ExperimentRunSchema);
/** `ExperimentRunList`. @internal */
export const RUN_LIST = list("run list", ExperimentRunSchema);
/** `Artifact` of any type. @internal */
export const ARTIFACT = entity("artifact", ArtifactSchema);
/** `ArtifactList`. @internal */
export const ARTIFACT_LIST = list("artifact list", ArtifactSchema);
/** `MetricList` (metric history). @internal */
export const METRIC_LIST = list("metric list", MetricSchema);
/** `RegisteredModel`. @internal */
export const REGISTERED_MODEL = entity("registered model", RegisteredModelSchema);
/** `RegisteredModelList`. @internal */
export const REGISTERED_MODEL_LIST = list("registered model list", RegisteredModelSchema);
/** `ModelVersion`. @internal */
export const MODEL_VERSION = entity("model version", ModelVersionSchema);
/** `ModelVersionList`. @internal */
export const MODEL_VERSION_LIST = list("model version list", ModelVersionSchema);
/** A body the store does not read (e.g. the echo of a write whose result is not used). @internal */
export const UNREAD: ResponseShape = { name: "response", check: () => undefined };
