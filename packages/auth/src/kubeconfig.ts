import { dirname } from "node:path";
import { parseDocument } from "yaml";
import { describeFileError, isMissingFileError, type ReadTextFile } from "./file-access.js";
import { TokenProviderError } from "./token-provider-error.js";

/** A named user entry and the kubeconfig file it came from. @internal */
export interface KubeconfigUser {
  readonly user: Readonly<Record<string, unknown>>;
  readonly directory: string;
}

/** Kubeconfig files merged by kubectl's rules: for each name, the first file wins. @internal */
export interface MergedKubeconfig {
  readonly files: readonly string[];
  readonly currentContext: string | undefined;
  readonly contexts: ReadonlyMap<string, { readonly user: string | undefined }>;
  readonly users: ReadonlyMap<string, KubeconfigUser>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function namedEntries(root: Record<string, unknown>, key: string, inner: string) {
  const list = root[key];
  const entries: Array<[string, Record<string, unknown>]> = [];
  if (!Array.isArray(list)) return entries;
  for (const item of list) {
    if (isRecord(item) && typeof item["name"] === "string") {
      const body = item[inner];
      entries.push([item["name"], isRecord(body) ? body : {}]);
    }
  }
  return entries;
}

async function parseFile(file: string, readFile: ReadTextFile) {
  let text: string;
  try {
    text = await readFile(file);
  } catch (error) {
    if (isMissingFileError(error)) return undefined;
    throw new TokenProviderError(`cannot read kubeconfig ${file} (${describeFileError(error)})`, {
      cause: error,
    });
  }
  // The parser's errors quote the source, which may hold a token: report only the position.
  const document = parseDocument(text, { prettyErrors: false });
  const first = document.errors[0];
  if (first !== undefined) {
    const line = first.linePos?.[0]?.line;
    throw new TokenProviderError(
      `kubeconfig ${file} is not valid YAML${line === undefined ? "" : ` (line ${line})`}`,
      { code: "INVALID_CONFIG" },
    );
  }
  const root: unknown = document.toJS();
  if (root === null || root === undefined) return {};
  if (!isRecord(root)) {
    throw new TokenProviderError(`kubeconfig ${file} is not a mapping`, {
      code: "INVALID_CONFIG",
    });
  }
  return root;
}

/**
 * Reads and merges kubeconfig files in order. Missing files are skipped, as kubectl does.
 * @internal
 */
export async function loadKubeconfig(
  files: readonly string[],
  readFile: ReadTextFile,
): Promise<MergedKubeconfig> {
  const found: string[] = [];
  let currentContext: string | undefined;
  const contexts = new Map<string, { user: string | undefined }>();
  const users = new Map<string, KubeconfigUser>();
  for (const file of files) {
    const root = await parseFile(file, readFile);
    if (root === undefined) continue;
    found.push(file);
    const current = root["current-context"];
    if (currentContext === undefined && typeof current === "string" && current !== "") {
      currentContext = current;
    }
    for (const [name, context] of namedEntries(root, "contexts", "context")) {
      const user = context["user"];
      if (!contexts.has(name)) {
        contexts.set(name, { user: typeof user === "string" && user !== "" ? user : undefined });
      }
    }
    for (const [name, user] of namedEntries(root, "users", "user")) {
      if (!users.has(name)) users.set(name, { user, directory: dirname(file) });
    }
  }
  return { files: found, currentContext, contexts, users };
}
