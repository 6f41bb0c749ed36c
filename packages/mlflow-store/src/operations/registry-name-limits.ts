import { PARAM_KEY_PREFIX } from "../mapping/logged-model.js";
import { invalidParameter, invalidValueMessage } from "../validation/messages.js";
import { codePointLength } from "../validation/python-format.js";
import { isRegistryId } from "./registry-paths.js";

/**
 * Characters the registry's database holds in a name or custom-property key column
 * (`varchar(255)`, counted in characters). A longer value makes the server answer 500.
 * @internal
 */
export const REGISTRY_COLUMN_LENGTH = 255;

/** What the registry prefixes to the name of an artifact created without a parent: `<uuid>:`. */
const UNATTACHED_PREFIX = `${"0".repeat(8)}-${"0".repeat(4)}-${"0".repeat(4)}-${"0".repeat(4)}-${"0".repeat(12)}:`;

/** Where a user-given key or name ends up in a registry column. */
interface Composed {
  /** What the value is, in the message (`metric key`). */
  readonly what: string;
  /** The stored text, with the value in it. */
  readonly stored: string;
  /** The stored text's shape, in the message (`<run id>:<key>`). */
  readonly shape: string;
  /** What the limit depends on, in the message (` for run 12`), or "". */
  readonly scope: string;
}

/**
 * Refuses `value` with INVALID_PARAMETER_VALUE when the text the registry would store for it
 * does not fit the database column. The limit is derived from the composed text itself (the run
 * id's digits, the timestamp's digits), so it is exact rather than one conservative number.
 */
function checkFits(value: string, path: string, composed: Composed): void {
  const length = codePointLength(value);
  const overhead = codePointLength(composed.stored) - length;
  const limit = REGISTRY_COLUMN_LENGTH - overhead;
  if (length <= limit) return;
  throw invalidParameter(
    invalidValueMessage(
      path,
      value,
      `${composed.what} has length ${length}, which exceeds the limit of ${limit} characters${composed.scope}. Model Registry stores it as '${composed.shape}' in a ${REGISTRY_COLUMN_LENGTH}-character column.`,
    ),
  );
}

/** The run's digits in the prefix, or `undefined` for a run id the registry cannot have (refused elsewhere). */
function runPrefix(runId: string): string | undefined {
  return isRegistryId(runId) ? runId : undefined;
}

/**
 * Refuses a metric key whose metric-history record name, `<run id>:<key>__<ms timestamp>` (the
 * registry's clock, 13 digits until the year 2286), would not fit the registry's name column.
 * @internal
 */
export function checkMetricKeyFits(runId: string, key: string, path = "key"): void {
  const run = runPrefix(runId);
  if (run === undefined) return;
  checkFits(key, path, {
    what: "The metric key",
    stored: `${run}:${key}__${Math.max(Date.now(), 1e12)}`,
    shape: "<run id>:<key>__<ms timestamp>",
    scope: ` for run ${run}`,
  });
}

/** Refuses a param key whose stored name `<run id>:<key>` would not fit the registry's name column. @internal */
export function checkParamKeyFits(runId: string, key: string, path = "key"): void {
  const run = runPrefix(runId);
  if (run === undefined) return;
  checkFits(key, path, {
    what: "The param key",
    stored: `${run}:${key}`,
    shape: "<run id>:<key>",
    scope: ` for run ${run}`,
  });
}

/**
 * Refuses a metric or param key that must be created without a parent (see `postRunArtifact`)
 * whose stored name `<uuid>:<key>` would not fit (keys over 218 characters).
 * @internal
 */
export function checkUnattachedKeyFits(
  kind: "metric" | "parameter",
  key: string,
  path = "key",
): void {
  checkFits(key, path, {
    what: `The ${kind === "metric" ? "metric" : "param"} key`,
    stored: `${UNATTACHED_PREFIX}${key}`,
    shape: "<uuid>:<key>",
    scope:
      " when the run has a key of the same kind that the registry's name lookup confuses with it",
  });
}

/** Longest key that fits the `<uuid>:<key>` name of an artifact created without a parent. @internal */
export const UNATTACHED_KEY_MAX_LENGTH = REGISTRY_COLUMN_LENGTH - UNATTACHED_PREFIX.length;

/** Refuses a logged-model param key whose custom-property key `param_<key>` would not fit. @internal */
export function checkLoggedModelParamKeyFits(key: string, path = "key"): void {
  checkFits(key, path, {
    what: "The logged model param key",
    stored: `${PARAM_KEY_PREFIX}${key}`,
    shape: `${PARAM_KEY_PREFIX}<key>`,
    scope: "",
  });
}

/** Refuses a dataset name whose stored name `<uuid>:<name>` would not fit (datasets never have a parent prefix). @internal */
export function checkDatasetNameFits(name: string, path = "dataset.name"): void {
  checkFits(name, path, {
    what: "The dataset name",
    stored: `${UNATTACHED_PREFIX}${name}`,
    shape: "<uuid>:<name>",
    scope: "",
  });
}

/**
 * Refuses an experiment artifact location that the registry could not store: it is the
 * experiment's `externalId`, a 255-character column (MLflow itself allows longer locations).
 * @internal
 */
export function checkExperimentLocationFits(location: string, path = "artifact_location"): void {
  checkFits(location, path, {
    what: "The artifact location",
    stored: location,
    shape: "<artifact location>",
    scope: "",
  });
}

/**
 * Refuses to create a run whose artifact URI (its `externalId`, `uri`) would not fit the
 * registry's 255-character column: the experiment's artifact location is too long for runs.
 * @internal
 */
export function checkRunArtifactUriFits(experimentId: string, location: string, uri: string): void {
  const length = codePointLength(uri);
  if (length <= REGISTRY_COLUMN_LENGTH) return;
  const limit = REGISTRY_COLUMN_LENGTH - (length - codePointLength(location));
  throw invalidParameter(
    `Cannot create a run in experiment ${experimentId}: its artifact location has length ${codePointLength(location)}, and a run's artifact URI '<artifact location>/<32 hex>/artifacts' would have length ${length}. Model Registry stores it in a ${REGISTRY_COLUMN_LENGTH}-character column, so runs need an experiment whose artifact location has at most ${limit} characters.`,
  );
}

/**
 * Refuses, before any request, every metric and param key of a write to `runId` whose stored
 * names would not fit (see {@link checkMetricKeyFits}, {@link checkParamKeyFits}).
 * `paths` says whether items are named as in a batch (`metrics[3].key`) or alone (`key`).
 * @internal
 */
export function checkRunKeysFit(
  runId: string,
  items: {
    readonly metrics?: readonly { readonly key: string }[];
    readonly params?: readonly { readonly key: string }[];
  },
  paths: "batch" | "single" = "batch",
): void {
  (items.metrics ?? []).forEach((metric, i) => {
    checkMetricKeyFits(runId, metric.key, paths === "batch" ? `metrics[${i}].key` : "key");
  });
  (items.params ?? []).forEach((param, i) => {
    checkParamKeyFits(runId, param.key, paths === "batch" ? `params[${i}].key` : "key");
  });
}
