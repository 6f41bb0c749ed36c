import { REGISTRY_API_PREFIX as P } from "../constants.js";
import type { RegistryClient } from "../create-registry-client.js";
import { isRegistryHttpError } from "../errors.js";
import { paginate } from "../paginate.js";
import type { ModelArtifact, ModelVersion, RegisteredModel } from "../types.js";
import { unwrap } from "../unwrap.js";

/**
 * A filterQuery string literal for `value`, or undefined when the registry's lexer cannot carry
 * it unchanged (it strips every leading and trailing quote and reads backslashes as escapes).
 * @internal
 */
export function filterLiteral(value: string): string | undefined {
  if (/^["']|["']$/.test(value) || value.includes("\\")) return undefined;
  return `"${value.replaceAll('"', '\\"')}"`;
}

/**
 * The entity whose name is `name`: exactly, else equal ignoring case (on MySQL, the server's
 * default database, names compare case-insensitively and cannot differ only in case).
 */
function byName<T extends { name?: string }>(items: readonly T[], name: string): T | undefined {
  return (
    items.find((item) => item.name === name) ??
    items.find((item) => item.name?.toLowerCase() === name.toLowerCase())
  );
}

async function orNull<T>(request: Promise<T>): Promise<T | null> {
  try {
    return await request;
  } catch (error) {
    if (isRegistryHttpError(error) && error.status === 404) return null;
    throw error;
  }
}

/**
 * The registered model named `name`, or null. One request: `GET /registered_models` filtered by
 * `name = "…"` (an exact comparison, where `GET /registered_model?name=` would treat `%` and `_`
 * as wildcards); names the filter grammar cannot carry use the find endpoint.
 * @internal
 */
export async function findRegisteredModel(
  client: RegistryClient,
  name: string,
): Promise<RegisteredModel | null> {
  const literal = filterLiteral(name);
  if (literal !== undefined) {
    const list = await unwrap(
      client.GET(`${P}/registered_models`, {
        params: { query: { filterQuery: `name = ${literal}`, pageSize: "10" } },
      }),
    );
    return byName(list.items, name) ?? null;
  }
  const found = await orNull(
    unwrap(client.GET(`${P}/registered_model`, { params: { query: { name } } })),
  );
  return found !== null && byName([found], name) ? found : null;
}

const WILDCARDS = /[%_]/;

/**
 * The version `version` of registered model `modelId`, or null. One request
 * (`GET /model_version?name=&parentResourceId=`); the server matches the name with SQL `LIKE`, so
 * when the answer does not name the version (or a name with `%`/`_` matched several) the model's
 * versions are listed and compared exactly.
 * @internal
 */
export async function findModelVersion(
  client: RegistryClient,
  modelId: string,
  version: string,
): Promise<ModelVersion | null> {
  const found = await orNull(
    unwrap(
      client.GET(`${P}/model_version`, {
        params: { query: { name: version, parentResourceId: modelId } },
      }),
    ),
  );
  if (found !== null && byName([found], version)) return found;
  if (found === null && !WILDCARDS.test(version)) return null;
  const versions: ModelVersion[] = [];
  for await (const item of paginate(
    client,
    `${P}/registered_models/{registeredmodelId}/versions`,
    { params: { path: { registeredmodelId: modelId } } },
    { pageSize: 1000 },
  )) {
    if (item.name === version) return item;
    versions.push(item);
  }
  return byName(versions, version) ?? null;
}

/**
 * The model artifact of version `versionId` named `preferredNames[0]`, else `preferredNames[1]`,
 * …, else the first model artifact, or null. One request.
 * @internal
 */
export async function findVersionArtifact(
  client: RegistryClient,
  versionId: string,
  preferredNames: readonly string[],
): Promise<ModelArtifact | null> {
  const list = await unwrap(
    client.GET(`${P}/model_versions/{modelversionId}/artifacts`, {
      params: {
        path: { modelversionId: versionId },
        query: { artifactType: "model-artifact", pageSize: "100" },
      },
    }),
  );
  const artifacts = list.items.filter(
    (item): item is ModelArtifact => item.artifactType === "model-artifact",
  );
  for (const name of preferredNames) {
    const match = artifacts.find((artifact) => artifact.name === name);
    if (match) return match;
  }
  return artifacts[0] ?? null;
}
