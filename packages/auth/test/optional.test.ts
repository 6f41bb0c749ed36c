import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  defaultTokenProvider,
  isTokenProviderError,
  optional,
  type TokenProvider,
  TokenProviderError,
} from "../src/index.js";
import { tempDir } from "./helpers.js";

function counting(answer: () => Promise<{ token: string }>): TokenProvider & { calls: number } {
  const provider = Object.assign(
    async () => {
      provider.calls += 1;
      return answer();
    },
    { calls: 0 },
  );
  return provider;
}

const notConfigured = () =>
  Promise.reject(new TokenProviderError("nothing here", { tryNextProvider: true }));

describe("optional", () => {
  it("passes a token through", async () => {
    const auth = optional(async () => ({ token: "t" }));
    expect(await auth()).toEqual({ token: "t" });
  });

  it("answers null when nothing is configured, and remembers that until the recheck interval or a forceRefresh", async () => {
    let clock = 1_000;
    const provider = counting(notConfigured);
    const auth = optional(provider, { recheckIntervalMs: 500, now: () => clock });
    expect(await auth()).toBeNull();
    expect(await auth()).toBeNull();
    expect(provider.calls).toBe(1);
    clock += 499;
    expect(await auth()).toBeNull();
    expect(provider.calls).toBe(1);
    clock += 1;
    expect(await auth()).toBeNull();
    expect(provider.calls).toBe(2);
    expect(await auth({ forceRefresh: true })).toBeNull();
    expect(provider.calls).toBe(3);
  });

  it("rethrows a source that is configured but broken", async () => {
    const broken = optional(() =>
      Promise.reject(new TokenProviderError("cannot read /t (EACCES)", { code: "READ_FAILED" })),
    );
    const error = await broken().catch((e: unknown) => e);
    expect(isTokenProviderError(error) && error.code).toBe("READ_FAILED");
    const odd = optional(() => Promise.reject(new Error("boom")));
    await expect(odd()).rejects.toThrow("boom");
  });

  it("with the default chain: null when nothing is configured, the token when one is, an error when kubeconfig is broken", async () => {
    const dir = await tempDir();
    const home = join(dir, "home");
    const saPath = join(dir, "sa", "token");
    const config = { serviceAccount: { path: saPath }, kubeconfig: { homedir: () => home } };

    expect(await optional(defaultTokenProvider({ env: {}, ...config }))()).toBeNull();
    expect(
      await optional(
        defaultTokenProvider({ env: { MODEL_REGISTRY_TOKEN: "from-env" }, ...config }),
      )(),
    ).toEqual({ token: "from-env" });

    await mkdir(join(home, ".kube"), { recursive: true });
    await writeFile(
      join(home, ".kube", "config"),
      `current-context: c
contexts: [{ name: c, context: { user: u } }]
users: [{ name: u, user: { tokenFile: missing-token } }]
`,
    );
    const error = await optional(defaultTokenProvider({ env: {}, ...config }))().catch(
      (e: unknown) => e,
    );
    expect(isTokenProviderError(error) && error.tryNextProvider).toBe(false);
    expect(String(error)).toContain("missing-token");
  });
});
