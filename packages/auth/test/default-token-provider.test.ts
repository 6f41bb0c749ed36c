import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultTokenProvider } from "../src/index.js";
import { tempDir } from "./helpers.js";

async function layout() {
  const dir = await tempDir();
  const home = join(dir, "home");
  await mkdir(join(home, ".kube"), { recursive: true });
  return { dir, home, saPath: join(dir, "sa", "token") };
}

describe("defaultTokenProvider", () => {
  it("prefers MODEL_REGISTRY_TOKEN", async () => {
    const { home, saPath } = await layout();
    const provider = defaultTokenProvider({
      env: { MODEL_REGISTRY_TOKEN: "from-env" },
      serviceAccount: { path: saPath },
      kubeconfig: { homedir: () => home },
    });
    expect((await provider()).token).toBe("from-env");
  });

  it("falls back to the service-account token, then to kubeconfig", async () => {
    const { dir, home, saPath } = await layout();
    await writeFile(
      join(home, ".kube", "config"),
      `current-context: c
contexts: [{ name: c, context: { user: u } }]
users: [{ name: u, user: { token: from-kubeconfig } }]
`,
    );
    const options = {
      env: {},
      serviceAccount: { path: saPath },
      kubeconfig: { homedir: () => home },
    };
    expect((await defaultTokenProvider(options)()).token).toBe("from-kubeconfig");

    await mkdir(join(dir, "sa"));
    await writeFile(saPath, "from-service-account\n");
    expect((await defaultTokenProvider(options)()).token).toBe("from-service-account");
  });

  it("is memoized: concurrent callers share one read", async () => {
    const { home, saPath } = await layout();
    await mkdir(join(saPath, ".."), { recursive: true });
    await writeFile(saPath, "sa");
    let reads = 0;
    const provider = defaultTokenProvider({
      env: {},
      serviceAccount: {
        path: saPath,
        readFile: async (path) => {
          reads += 1;
          return readFile(path, "utf8");
        },
      },
      kubeconfig: { homedir: () => home },
    });
    const results = await Promise.all(Array.from({ length: 100 }, () => provider()));
    expect(results.every((r) => r.token === "sa")).toBe(true);
    expect(reads).toBe(1);
  });

  it("declines with every reason when nothing is configured", async () => {
    const { home, saPath } = await layout();
    const provider = defaultTokenProvider({
      env: {},
      serviceAccount: { path: saPath },
      kubeconfig: { homedir: () => home },
    });
    await expect(provider()).rejects.toMatchObject({
      code: "NO_PROVIDER",
      message: expect.stringMatching(/MODEL_REGISTRY_TOKEN.*service-account.*kubeconfig/),
    });
  });
});
