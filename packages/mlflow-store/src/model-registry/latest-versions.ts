import type {
  ModelVersion as RegistryModelVersion,
  RegisteredModel as RegistryRegisteredModel,
} from "@model-registry/registry-client";
import { compareVersionNames } from "../search/order-model-registry.js";
import type { StoreContext } from "../store-context.js";
import type { ModelVersion } from "./model-registry-types.js";
import { listModelVersions, listVersionsOf, toMlflowVersions } from "./registry-access.js";

/** Model ids per `registeredModelId IN (…)` query (keeps URLs short). */
const IDS_PER_QUERY = 200;

/** The live versions of `models`: one request per model when alone, else bulk queries. */
async function liveVersionsOf(
  ctx: StoreContext,
  models: readonly RegistryRegisteredModel[],
  what: string,
): Promise<RegistryModelVersion[]> {
  const [only] = models;
  if (models.length === 1 && only !== undefined) {
    return listVersionsOf(ctx, only.id ?? "", what, 'state = "LIVE"');
  }
  const versions: RegistryModelVersion[] = [];
  for (let i = 0; i < models.length; i += IDS_PER_QUERY) {
    const ids = models.slice(i, i + IDS_PER_QUERY).map((model) => model.id ?? "");
    versions.push(
      ...(await listModelVersions(
        ctx,
        what,
        `state = "LIVE" AND registeredModelId IN (${ids.join(", ")})`,
      )),
    );
  }
  return versions;
}

/**
 * MLflow's `latest_versions` of each model (the live version with the highest number; models
 * have no stages here), keyed by registry model id: one request per 200 models, plus one per
 * latest version registered by another client (its source is on its model artifact).
 * @internal
 */
export async function latestVersionsOf(
  ctx: StoreContext,
  models: readonly RegistryRegisteredModel[],
  what: string,
): Promise<Map<string, ModelVersion[]>> {
  const result = new Map<string, ModelVersion[]>(models.map((model) => [model.id ?? "", []]));
  if (models.length === 0) return result;
  const byId = new Map(models.map((model) => [model.id ?? "", model]));
  const latest = new Map<string, RegistryModelVersion>();
  for (const version of await liveVersionsOf(ctx, models, what)) {
    if (version.state === "ARCHIVED" || !byId.has(version.registeredModelId)) continue;
    const current = latest.get(version.registeredModelId);
    if (current === undefined || compareVersionNames(version.name, current.name) > 0) {
      latest.set(version.registeredModelId, version);
    }
  }
  const entries = [...latest.values()].map((version) => ({
    version,
    model: byId.get(version.registeredModelId) as RegistryRegisteredModel,
  }));
  const mapped = await toMlflowVersions(ctx, entries, what);
  mapped.forEach((version, index) => {
    result.set(entries[index]?.model.id ?? "", [version]);
  });
  return result;
}
