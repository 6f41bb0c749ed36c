import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  chain,
  fromEnv,
  fromKubeconfig,
  fromServiceAccountTokenFile,
  isTokenProviderError,
  memoize,
  TokenProviderError,
} from "../src/index.js";
import { tempDir } from "./helpers.js";

const SECRET = "sha256~top-secret-token-value";

function surfaces(error: unknown): string {
  return [String(error), JSON.stringify(error), (error as Error).message, (error as Error).stack]
    .join("\n")
    .concat(inspect(error, { depth: 5 }));
}

describe("TokenProviderError", () => {
  it("prefixes messages with the package name once", () => {
    expect(new TokenProviderError("x").message).toBe("@model-registry/auth: x");
    expect(new TokenProviderError("@model-registry/auth: y").message).toBe(
      "@model-registry/auth: y",
    );
  });

  it("serialises to name, code, message and tryNextProvider only", () => {
    const error = new TokenProviderError("no file", {
      tryNextProvider: true,
      cause: new Error(`cause mentioning ${SECRET}`),
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "TokenProviderError",
      code: "NOT_CONFIGURED",
      message: "@model-registry/auth: no file",
      tryNextProvider: true,
    });
    expect(String(error)).toBe("TokenProviderError: @model-registry/auth: no file");
  });

  it("is recognised across copies of the package by its brand", () => {
    const foreign = Object.create(Error.prototype) as Record<symbol, unknown>;
    foreign[Symbol.for("@model-registry/auth.TokenProviderError")] = true;
    expect(isTokenProviderError(foreign)).toBe(true);
    expect(isTokenProviderError(new Error("plain"))).toBe(false);
    expect(isTokenProviderError(null)).toBe(false);
    expect(isTokenProviderError(new TokenProviderError("mine"))).toBe(true);
  });
});

describe("tokens never appear in errors", () => {
  it("not in kubeconfig errors about the user that holds the token", async () => {
    const dir = await tempDir();
    const path = join(dir, "config");
    await writeFile(
      path,
      `current-context: c
contexts: [{ name: c, context: { user: u } }]
users:
- name: u
  user:
    token: ${SECRET}
    exec: { command: helper, args: ["--token=${SECRET}"] }
- name: broken
  user: { tokenFile: ${join(dir, "absent")}, token: "" }
`,
    );
    const wrongContext = await fromKubeconfig({ path, context: "nope" })().catch((e) => e);
    const errors = [wrongContext];
    await writeFile(path, `users: [{ name: u, user: { token: ${SECRET} } }]\n  broken: [\n`);
    errors.push(await fromKubeconfig({ path })().catch((e) => e));
    for (const error of errors) {
      expect(isTokenProviderError(error)).toBe(true);
      expect(surfaces(error)).not.toContain(SECRET);
    }
  });

  it("not in the aggregated chain error", async () => {
    const dir = await tempDir();
    const provider = memoize(
      chain(
        fromEnv({ env: { OTHER: SECRET } }),
        fromServiceAccountTokenFile({ path: join(dir, "token") }),
        fromKubeconfig({ env: { KUBECONFIG: join(dir, "config") } }),
      ),
    );
    const error = await provider().catch((e) => e);
    expect(error).toMatchObject({ code: "NO_PROVIDER" });
    expect(surfaces(error)).not.toContain(SECRET);
  });

  it("not in service-account errors", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "token"), SECRET);
    const provider = fromServiceAccountTokenFile({
      path: join(dir, "token"),
      readFile: async () => {
        throw Object.assign(new Error("EIO: i/o error"), { code: "EIO" });
      },
    });
    const error = await provider().catch((e) => e);
    expect(error).toMatchObject({ tryNextProvider: false });
    expect(surfaces(error)).not.toContain(SECRET);
  });
});
