import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";

const RELATIVE = join("shared", "openapi", "model-registry.yaml");

/**
 * Finds the spec: an explicit path, else `MODEL_REGISTRY_SPEC`, else `../shared/openapi/…` (or
 * `shared/openapi/…`) next to the current directory or any of its parents.
 * @internal
 */
export function findSpecPath(specPath?: string, cwd = process.cwd()): string {
  if (specPath) return resolve(specPath);
  const fromEnv = process.env["MODEL_REGISTRY_SPEC"];
  if (fromEnv) return resolve(fromEnv);
  let dir = resolve(cwd);
  for (;;) {
    for (const candidate of [join(dir, "..", RELATIVE), join(dir, RELATIVE)]) {
      if (existsSync(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new Error(
    "[@model-registry/testing] model-registry.yaml not found: pass specPath or set MODEL_REGISTRY_SPEC",
  );
}

/** Reads and parses the spec. @internal */
export function loadSpec(path: string): Record<string, unknown> {
  return parse(readFileSync(path, "utf8")) as Record<string, unknown>;
}
