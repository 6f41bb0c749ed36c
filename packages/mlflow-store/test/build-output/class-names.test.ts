/**
 * The built packages (what npm users get) keep every exported class's name, so errors print as
 * `MlflowError: …` rather than as a bundler-renamed `_MlflowError`. Runs against `dist` (ESM and
 * CommonJS) of all four packages.
 */
import { createRequire } from "node:module";
import { inspect } from "node:util";
import * as auth from "@model-registry/auth";
import * as registryClient from "@model-registry/registry-client";
import * as schemas from "@model-registry/registry-client/schemas";
import * as testing from "@model-registry/testing";
import * as testingNode from "@model-registry/testing/node";
import * as specValidator from "@model-registry/testing/spec-validator";
import { describe, expect, it } from "vitest";
import * as store from "../../dist/index.js";

const require = createRequire(import.meta.url);

const entries: Record<string, Record<string, unknown>> = {
  "@model-registry/auth": auth,
  "@model-registry/auth (cjs)": require("@model-registry/auth"),
  "@model-registry/registry-client": registryClient,
  "@model-registry/registry-client (cjs)": require("@model-registry/registry-client"),
  "@model-registry/registry-client/schemas": schemas,
  "@model-registry/mlflow-store": store,
  "@model-registry/mlflow-store (cjs)": require("../../dist/index.cjs"),
  "@model-registry/testing": testing,
  "@model-registry/testing (cjs)": require("@model-registry/testing"),
  "@model-registry/testing/node": testingNode,
  "@model-registry/testing/spec-validator": specValidator,
};

function exportedClasses(module: Record<string, unknown>): [string, { name: string }][] {
  return Object.entries(module).filter(
    (entry): entry is [string, { name: string }] =>
      typeof entry[1] === "function" && /^class\b/.test(Function.prototype.toString.call(entry[1])),
  );
}

describe("built packages keep class names", () => {
  it.each(Object.keys(entries))("%s: every exported class is named as exported", (entry) => {
    const classes = exportedClasses(entries[entry] ?? {});
    expect(classes.map(([exported, value]) => [exported, value.name])).toEqual(
      classes.map(([exported]) => [exported, exported]),
    );
  });

  it("the error classes users see print under their own names", () => {
    const errors = [
      new store.MlflowError("m", "INVALID_STATE"),
      store.MlflowError.invalidParameterValue("m"),
      new auth.TokenProviderError("m"),
      new registryClient.RegistryError("m", { code: "INVALID_OPTIONS" }),
      new (require("../../dist/index.cjs") as typeof store).MlflowError("m"),
    ];
    expect(errors.map((error) => inspect(error).split(":")[0])).toEqual([
      "MlflowError",
      "MlflowError",
      "TokenProviderError",
      "RegistryError",
      "MlflowError",
    ]);
    expect(exportedClasses(store).length).toBeGreaterThan(0);
  });
});
