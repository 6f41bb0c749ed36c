import {
  type MetadataValue,
  REGISTRY_API_PREFIX as P,
  type RegisteredModelCreate,
  type RegisteredModelUpdate,
  type RegisteredModel as RegistryRegisteredModel,
} from "@model-registry/registry-client";
import { stringCustomProperties } from "../mapping/custom-property-text.js";
import { resendable, tagList } from "../mapping/tag.js";
import { MlflowError } from "../mlflow-error.js";
import { registryCall } from "../operations/registry-call.js";
import { REGISTERED_MODEL, UNREAD } from "../operations/response-shapes.js";
import type { StoreContext } from "../store-context.js";
import type { KeyValue } from "../types.js";
import { checkTagName } from "../validation/validate-key-name.js";
import {
  validateModelAlias,
  validateModelVersion,
  validateRegisteredModelName,
  validateRegisteredModelTag,
} from "../validation/validate-model-registry.js";
import { latestVersionsOf } from "./latest-versions.js";
import type { MlflowModelRegistryStore, RegisteredModel } from "./model-registry-types.js";
import {
  findModelsByAnyName,
  findModelsByName,
  requireLiveModel,
  requireLiveVersion,
} from "./registry-access.js";
import {
  checkTagKeyNotReserved,
  mlflowModelName,
  modelAliases,
  REGISTRY_KEYS,
  RESERVED_MODEL_KEYS,
  structSafeProperties,
  toMlflowRegisteredModel,
  withAliases,
} from "./registry-layout.js";

/** MLflow's error for a taken registered-model name. @internal */
export function registeredModelExists(name: string): MlflowError {
  return new MlflowError(
    `Registered Model (name=${name}) already exists.`,
    "RESOURCE_ALREADY_EXISTS",
  );
}

/** The per-store lock of one registered model's read-modify-writes (by MLflow name). @internal */
export function modelLock(name: string): string {
  return `registered-model:${name}`;
}

/** `PATCH /registered_models/{id}`, keeping its state. @internal */
export function patchRegisteredModel(
  ctx: StoreContext,
  model: RegistryRegisteredModel,
  body: Omit<RegisteredModelUpdate, "state">,
  what: string,
): Promise<RegistryRegisteredModel> {
  return registryCall(
    what,
    REGISTERED_MODEL,
    ctx.client.PATCH(`${P}/registered_models/{registeredmodelId}`, {
      params: { path: { registeredmodelId: model.id ?? "" } },
      body: { ...body, state: model.state ?? "LIVE" },
    }),
  );
}

type RegisteredModelOperations = Pick<
  MlflowModelRegistryStore,
  | "createRegisteredModel"
  | "getRegisteredModel"
  | "updateRegisteredModel"
  | "renameRegisteredModel"
  | "deleteRegisteredModel"
  | "setRegisteredModelTag"
  | "deleteRegisteredModelTag"
  | "setRegisteredModelAlias"
  | "deleteRegisteredModelAlias"
>;

/** Registered-model operations: create, get, update, rename, delete, tags, aliases. @internal */
export function createRegisteredModelOperations(ctx: StoreContext): RegisteredModelOperations {
  async function withLatest(
    model: RegistryRegisteredModel,
    what: string,
  ): Promise<RegisteredModel> {
    const latest = await latestVersionsOf(ctx, [model], what);
    return toMlflowRegisteredModel(model, latest.get(model.id ?? "") ?? []);
  }

  /** A PATCH of the model and its latest versions, concurrently. */
  async function patchAndRead(
    model: RegistryRegisteredModel,
    body: Omit<RegisteredModelUpdate, "state">,
    what: string,
  ): Promise<RegisteredModel> {
    const [updated, latest] = await Promise.all([
      patchRegisteredModel(ctx, model, body, what),
      latestVersionsOf(ctx, [model], what),
    ]);
    // the versions were read concurrently: give them the model's name and aliases after the PATCH
    const name = mlflowModelName(updated);
    const aliases = Object.entries(modelAliases(updated));
    const versions = (latest.get(model.id ?? "") ?? []).map((version) => ({
      ...version,
      name,
      aliases: aliases
        .filter(([, target]) => target === version.version)
        .map(([alias]) => alias)
        .sort(),
    }));
    return toMlflowRegisteredModel(updated, versions);
  }

  /**
   * MLflow's create_registered_model: one lookup (the MLflow name must be free among live models;
   * the registry name may be held by a deleted or renamed model) and one POST. A registry name
   * that is taken gets a `~<8 hex>` suffix, with the MLflow name recorded in
   * `mlflow.registeredModelName`.
   */
  async function createRegisteredModel(
    name: string,
    options: { tags?: KeyValue[] | Record<string, string>; description?: string } = {},
  ): Promise<RegisteredModel> {
    validateRegisteredModelName(name);
    const tags: Record<string, string> = {};
    for (const tag of tagList(options.tags)) {
      const valid = validateRegisteredModelTag(tag);
      checkTagKeyNotReserved(valid.key, RESERVED_MODEL_KEYS);
      tags[valid.key] = valid.value;
    }
    const what = "createRegisteredModel";
    const body = (registryName: string): RegisteredModelCreate => ({
      name: registryName,
      state: "LIVE",
      ...(options.description !== undefined ? { description: options.description } : {}),
      customProperties: stringCustomProperties(
        registryName === name ? tags : { ...tags, [REGISTRY_KEYS.modelName]: name },
      ),
    });
    /** The registry name to use: `name`, or `name~<8 hex>` when another model holds it. */
    const registryNameFor = async (): Promise<string> => {
      const holders = await findModelsByAnyName(ctx, name, what);
      if (holders.some((model) => model.state !== "ARCHIVED" && mlflowModelName(model) === name))
        throw registeredModelExists(name);
      const taken = holders.some((model) => model.name.toLowerCase() === name.toLowerCase());
      return taken ? `${[...name].slice(0, 246).join("")}~${ctx.randomId().slice(0, 8)}` : name;
    };
    return ctx.exclusive(modelLock(name), async () => {
      let registryName = await registryNameFor();
      for (let attempt = 0; ; attempt++) {
        try {
          const created = await registryCall(
            what,
            REGISTERED_MODEL,
            ctx.client.POST(`${P}/registered_models`, { body: body(registryName) }),
          );
          return toMlflowRegisteredModel(created, []);
        } catch (error) {
          // a concurrent creator, or a name the lookup could not express
          if ((error as MlflowError).errorCode !== "RESOURCE_ALREADY_EXISTS" || attempt > 0)
            throw error;
          registryName = await registryNameFor();
          if (registryName === name) throw error;
        }
      }
    });
  }

  async function setAliases(
    name: string,
    what: string,
    change: (aliases: Record<string, string>, model: RegistryRegisteredModel) => Promise<boolean>,
  ): Promise<void> {
    await ctx.exclusive(modelLock(name), async () => {
      const model = await requireLiveModel(ctx, name, what);
      const aliases = modelAliases(model);
      if (!(await change(aliases, model))) return;
      await patchRegisteredModel(
        ctx,
        model,
        { customProperties: withAliases(resendable(model.customProperties), aliases) },
        what,
      );
    });
  }

  async function updateTags(
    name: string,
    what: string,
    change: (properties: Record<string, MetadataValue>) => boolean,
  ): Promise<void> {
    await ctx.exclusive(modelLock(name), async () => {
      const model = await requireLiveModel(ctx, name, what);
      const properties = resendable(model.customProperties);
      if (!change(properties)) return;
      await patchRegisteredModel(ctx, model, { customProperties: properties }, what);
    });
  }

  return {
    createRegisteredModel,
    async getRegisteredModel(name) {
      validateRegisteredModelName(name);
      return withLatest(
        await requireLiveModel(ctx, name, "getRegisteredModel"),
        "getRegisteredModel",
      );
    },
    async updateRegisteredModel(name, description) {
      validateRegisteredModelName(name);
      const what = "updateRegisteredModel";
      return ctx.exclusive(modelLock(name), async () => {
        const model = await requireLiveModel(ctx, name, what);
        return patchAndRead(
          model,
          { description: description ?? "", ...structSafeProperties(model.customProperties) },
          what,
        );
      });
    },
    async renameRegisteredModel(name, newName) {
      validateRegisteredModelName(name);
      validateRegisteredModelName(newName, "new_name");
      const what = "renameRegisteredModel";
      return ctx.exclusive(modelLock(name), async () => {
        const [model, holders] = await Promise.all([
          requireLiveModel(ctx, name, what),
          findModelsByName(ctx, newName, what, { liveOnly: true }),
        ]);
        if (holders.some((holder) => holder.id !== model.id)) throw registeredModelExists(newName);
        const properties = resendable(model.customProperties);
        if (newName === model.name) delete properties[REGISTRY_KEYS.modelName];
        else
          properties[REGISTRY_KEYS.modelName] = {
            metadataType: "MetadataStringValue",
            string_value: newName,
          };
        return patchAndRead(model, { customProperties: properties }, what);
      });
    },
    async deleteRegisteredModel(name) {
      validateRegisteredModelName(name);
      const what = "deleteRegisteredModel";
      await ctx.exclusive(modelLock(name), async () => {
        const model = await requireLiveModel(ctx, name, what);
        await registryCall(
          what,
          UNREAD,
          ctx.client.PATCH(`${P}/registered_models/{registeredmodelId}`, {
            params: { path: { registeredmodelId: model.id ?? "" } },
            body: { state: "ARCHIVED", ...structSafeProperties(model.customProperties) },
          }),
        );
      });
    },
    async setRegisteredModelTag(name, tag) {
      validateRegisteredModelName(name);
      const valid = validateRegisteredModelTag(tag);
      checkTagKeyNotReserved(valid.key, RESERVED_MODEL_KEYS);
      await updateTags(name, "setRegisteredModelTag", (properties) => {
        properties[valid.key] = { metadataType: "MetadataStringValue", string_value: valid.value };
        return true;
      });
    },
    async deleteRegisteredModelTag(name, key) {
      validateRegisteredModelName(name);
      checkTagName(key, "key");
      await updateTags(name, "deleteRegisteredModelTag", (properties) => {
        if (RESERVED_MODEL_KEYS.has(key) || !(key in properties)) return false;
        delete properties[key];
        return true;
      });
    },
    async setRegisteredModelAlias(name, alias, version) {
      validateRegisteredModelName(name);
      validateModelAlias(alias);
      const target = validateModelVersion(version);
      const what = "setRegisteredModelAlias";
      await setAliases(name, what, async (aliases, model) => {
        await requireLiveVersion(ctx, model, target, what);
        if (aliases[alias] === target) return false;
        aliases[alias] = target;
        return true;
      });
    },
    async deleteRegisteredModelAlias(name, alias) {
      validateRegisteredModelName(name);
      validateModelAlias(alias);
      await setAliases(name, "deleteRegisteredModelAlias", async (aliases) => {
        if (!Object.hasOwn(aliases, alias)) return false;
        delete aliases[alias];
        return true;
      });
    },
  };
}
