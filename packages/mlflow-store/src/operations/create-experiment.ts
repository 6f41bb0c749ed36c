import type {
  ExperimentCreate,
  Experiment as RegistryExperiment,
} from "@model-registry/registry-client";
import { appendToUriPath } from "../artifacts/artifact-uri.js";
import {
  EXPERIMENT_NAME_PROPERTY,
  experimentDescription,
  toMlflowExperiment,
} from "../mapping/experiment.js";
import { customPropertiesFromTags, tagRecord } from "../mapping/tag.js";
import { MlflowError } from "../mlflow-error.js";
import type { StoreContext } from "../store-context.js";
import type { KeyValue, MlflowStore } from "../types.js";
import { findExperimentsByName, rememberExperiment } from "./experiment-access.js";
import { findExperimentByExternalId } from "./find-written.js";
import { registryCall } from "./registry-call.js";
import { checkExperimentLocationFits } from "./registry-name-limits.js";
import { API } from "./registry-paths.js";
import { EXPERIMENT, UNREAD } from "./response-shapes.js";
import { validateExperimentCreate } from "./validate.js";
import { writeOnce } from "./write-once.js";

/** Longest MLflow name stored as the registry name as is (the registry column holds 255). */
const MAX_REGISTRY_NAME = 200;

/** MLflow's error for a taken experiment name. @internal */
export function experimentAlreadyExists(name: string): MlflowError {
  return new MlflowError(`Experiment(name=${name}) already exists.`, "RESOURCE_ALREADY_EXISTS");
}

/**
 * MLflow's create_experiment in one request: the artifact location is made up front (the
 * registry assigns ids only on create) and stored in `externalId`.
 * @internal
 */
export function createExperimentOperation(ctx: StoreContext): MlflowStore["createExperiment"] {
  /** POSTs the experiment once; after a lost answer it is looked up by its unique `externalId`. */
  async function post(body: ExperimentCreate): Promise<RegistryExperiment> {
    const externalId = body.externalId ?? "";
    return writeOnce(ctx, {
      send: () =>
        registryCall(
          "createExperiment",
          EXPERIMENT,
          ctx.client.POST(`${API}/experiments`, { body }),
        ),
      landed: async () => {
        const found = await findExperimentByExternalId(ctx, externalId, "createExperiment");
        return found?.name === body.name ? found : undefined;
      },
    });
  }

  async function createExperiment(
    name: string,
    options: { artifactLocation?: string; tags?: KeyValue[] | Record<string, string> } = {},
  ): Promise<string> {
    const tags = tagRecord(options.tags);
    validateExperimentCreate(name, options.artifactLocation, tags);
    const location =
      options.artifactLocation ??
      appendToUriPath(ctx.artifactRoot, `experiments/${ctx.randomId()}`);
    checkExperimentLocationFits(location);
    const body: ExperimentCreate = {
      name,
      description: experimentDescription(name),
      externalId: location,
      state: "LIVE",
      customProperties: customPropertiesFromTags(tags),
    };
    let created: RegistryExperiment;
    try {
      created =
        [...name].length > MAX_REGISTRY_NAME ? await createLongNamed(name, body) : await post(body);
    } catch (error) {
      if ((error as MlflowError).errorCode !== "RESOURCE_ALREADY_EXISTS") throw error;
      created = await createAfterConflict(name, body, error as MlflowError);
    }
    const experiment = toMlflowExperiment(created, ctx.artifactRoot);
    rememberExperiment(ctx, experiment);
    return experiment.experimentId;
  }

  /**
   * Registry names are limited to 255 characters while MLflow allows 500: a long name is stored
   * cut, with a random suffix, and the MLflow name goes into the rename property. The registry
   * cannot detect duplicates then, so the store looks first (one more request).
   */
  async function createLongNamed(
    name: string,
    body: ExperimentCreate,
  ): Promise<RegistryExperiment> {
    if ((await findExperimentsByName(ctx, name, "createExperiment")).length > 0)
      throw experimentAlreadyExists(name);
    return post(
      withRegistryName(
        body,
        name,
        `${[...name].slice(0, 180).join("")}~${ctx.randomId().slice(0, 8)}`,
      ),
    );
  }

  /** `body` stored under `registryName`, with its MLflow `name` in the rename property. */
  function withRegistryName(
    body: ExperimentCreate,
    name: string,
    registryName: string,
  ): ExperimentCreate {
    return {
      ...body,
      name: registryName,
      customProperties: {
        ...body.customProperties,
        [EXPERIMENT_NAME_PROPERTY]: { metadataType: "MetadataStringValue", string_value: name },
      },
    };
  }

  /**
   * A 409 means the registry name or the artifact location is taken. When the holder of the name
   * was renamed away (or differs only in case), MLflow allows the name: create under a
   * disambiguated registry name and record the MLflow name as a property.
   */
  async function createAfterConflict(
    name: string,
    body: ExperimentCreate,
    conflict: MlflowError,
  ): Promise<RegistryExperiment> {
    const holders = await findExperimentsByName(ctx, name, "createExperiment");
    if (holders.length > 0) throw experimentAlreadyExists(name);
    const sameRegistryName = await findRegistryName(name);
    if (!sameRegistryName) {
      throw new MlflowError(
        `Experiment(name=${name}) cannot be created: its artifact location '${body.externalId}' is already in use.`,
        "RESOURCE_ALREADY_EXISTS",
        { cause: conflict },
      );
    }
    const renamed = withRegistryName(body, name, `${name}~${ctx.randomId().slice(0, 8)}`);
    return post(renamed);
  }

  async function findRegistryName(name: string): Promise<boolean> {
    try {
      await registryCall(
        "createExperiment",
        UNREAD,
        ctx.client.GET(`${API}/experiment`, { params: { query: { name } } }),
      );
      return true;
    } catch (error) {
      if ((error as MlflowError).errorCode === "RESOURCE_DOES_NOT_EXIST") return false;
      throw error;
    }
  }

  return createExperiment;
}
