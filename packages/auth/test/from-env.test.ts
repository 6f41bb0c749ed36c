import { describe, expect, it } from "vitest";
import { DEFAULT_TOKEN_ENV_VAR, fromEnv, fromStaticToken } from "../src/index.js";

describe("fromStaticToken", () => {
  it("returns the trimmed token every time", async () => {
    const provider = fromStaticToken(" static-token\n");
    expect(await provider()).toEqual({ token: "static-token" });
    expect(await provider({ forceRefresh: true })).toEqual({ token: "static-token" });
  });

  it("refuses an empty token at once", () => {
    expect(() => fromStaticToken("  ")).toThrow(/empty token/);
  });
});

describe("fromEnv", () => {
  it("reads MODEL_REGISTRY_TOKEN by default", async () => {
    expect(DEFAULT_TOKEN_ENV_VAR).toBe("MODEL_REGISTRY_TOKEN");
    const provider = fromEnv({ env: { MODEL_REGISTRY_TOKEN: " env-token " } });
    expect(await provider()).toEqual({ token: "env-token" });
  });

  it("reads another variable and sees later changes", async () => {
    const env: Record<string, string | undefined> = { MY_TOKEN: "one" };
    const provider = fromEnv({ variable: "MY_TOKEN", env });
    expect((await provider()).token).toBe("one");
    env["MY_TOKEN"] = "two";
    expect((await provider()).token).toBe("two");
  });

  it("says 'try the next provider' when the variable is unset or blank", async () => {
    for (const env of [{}, { MODEL_REGISTRY_TOKEN: "" }, { MODEL_REGISTRY_TOKEN: " \n" }]) {
      await expect(fromEnv({ env })()).rejects.toMatchObject({
        tryNextProvider: true,
        code: "NOT_CONFIGURED",
        message: "@model-registry/auth: environment variable MODEL_REGISTRY_TOKEN is not set",
      });
    }
  });
});
