// The universal build (browsers, workers: the `default` export condition), as packed in dist.
import { afterEach, describe, expect, it, vi } from "vitest";
import * as nodeBuild from "../src/index.js";
import { jwt } from "./helpers.js";

const universal: typeof import("../src/index.js") = await import(
  new URL("../dist/universal/index.js", import.meta.url).href
);

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the universal build", () => {
  it("exports what the Node build exports", () => {
    expect(Object.keys(universal).sort()).toEqual(Object.keys(nodeBuild).sort());
  });

  it("reads no environment unless given one", async () => {
    vi.stubEnv("MODEL_REGISTRY_TOKEN", "from-process-env");
    expect(await nodeBuild.fromEnv()()).toEqual({ token: "from-process-env" });
    await expect(universal.fromEnv()()).rejects.toMatchObject({ tryNextProvider: true });
    expect(await universal.fromEnv({ env: { MODEL_REGISTRY_TOKEN: "given" } })()).toEqual({
      token: "given",
    });
  });

  it("finds nothing configured in defaultTokenProvider, so optional() sends no credentials", async () => {
    vi.stubEnv("MODEL_REGISTRY_TOKEN", "from-process-env");
    await expect(universal.defaultTokenProvider()()).rejects.toMatchObject({
      code: "NO_PROVIDER",
      tryNextProvider: true,
    });
    expect(await universal.optional(universal.defaultTokenProvider())()).toBeNull();
    await expect(universal.fromKubeconfig()()).rejects.toMatchObject({
      tryNextProvider: true,
      message: "@model-registry/auth: kubeconfig files are read only on Node.js",
    });
  });

  it("reads a service-account token through the given readFile and stat", async () => {
    const token = jwt({ exp: 2_000_000_000 });
    const provider = universal.fromServiceAccountTokenFile({
      readFile: async () => `${token}\n`,
      stat: async () => ({ dev: 1, ino: 2, size: 3, mtimeMs: 4, ctimeMs: 5 }),
      now: () => 1_000,
    });
    expect((await provider()).token).toBe(token);
    await expect(universal.fromServiceAccountTokenFile()()).rejects.toMatchObject({
      tryNextProvider: true,
    });
  });
});
