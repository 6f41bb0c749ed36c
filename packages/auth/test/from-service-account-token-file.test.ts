import { mkdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_SA_TOKEN_PATH,
  fromServiceAccountTokenFile,
  isTokenProviderError,
  memoize,
  TokenProviderError,
} from "../src/index.js";
import {
  createProjectedVolume,
  jwt,
  manualClock,
  rotateProjectedVolume,
  tempDir,
} from "./helpers.js";

describe("fromServiceAccountTokenFile", () => {
  it("defaults to the in-cluster token path", () => {
    expect(DEFAULT_SA_TOKEN_PATH).toBe("/var/run/secrets/kubernetes.io/serviceaccount/token");
  });

  it("reads and trims the token", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "token"), "  sa-token-1\n");
    const provider = fromServiceAccountTokenFile({ path: join(dir, "token") });
    expect((await provider()).token).toBe("sa-token-1");
  });

  it("picks up a kubelet symlink swap without a new provider", async () => {
    const dir = await tempDir();
    const first = await createProjectedVolume(dir, { token: "rotated-one\n", "ca.crt": "ca" });
    const provider = fromServiceAccountTokenFile({ path: join(dir, "token") });
    expect((await provider()).token).toBe("rotated-one");

    const second = await rotateProjectedVolume(dir, first, {
      token: "rotated-two\n",
      "ca.crt": "ca",
    });
    expect((await provider()).token).toBe("rotated-two");

    await rotateProjectedVolume(dir, second, { token: "rotated-three", "ca.crt": "ca" });
    expect((await provider()).token).toBe("rotated-three");
  });

  it("serves the cached token while the file is unchanged, without reading it again", async () => {
    const dir = await tempDir();
    await createProjectedVolume(dir, { token: "steady" });
    let reads = 0;
    const provider = fromServiceAccountTokenFile({
      path: join(dir, "token"),
      readFile: async (path) => {
        reads += 1;
        return readFile(path, "utf8");
      },
    });
    for (let i = 0; i < 5; i += 1) expect((await provider()).token).toBe("steady");
    expect(reads).toBe(1);
    await provider({ forceRefresh: true });
    expect(reads).toBe(2);
  });

  it("re-reads after the reload interval even when the file looks unchanged", async () => {
    const dir = await tempDir();
    const file = join(dir, "token");
    await writeFile(file, "aaaa");
    const before = await stat(file);
    const clock = manualClock();
    const provider = fromServiceAccountTokenFile({
      path: file,
      reloadIntervalMs: 60_000,
      now: clock.now,
      // An in-place rewrite that keeps inode, size and times: only the interval can notice it.
      stat: async (path) => {
        const { dev, ino, size } = await stat(path);
        return { dev, ino, size, mtimeMs: before.mtimeMs, ctimeMs: before.ctimeMs };
      },
    });
    expect((await provider()).token).toBe("aaaa");
    await writeFile(file, "bbbb");
    await utimes(file, before.atime, before.mtime);
    clock.advance(59_999);
    expect((await provider()).token).toBe("aaaa");
    clock.advance(1);
    expect((await provider()).token).toBe("bbbb");
  });

  it("reports the JWT exp when it comes before the next re-check", async () => {
    const dir = await tempDir();
    const clock = manualClock();
    const exp = Math.floor(clock.now() / 1000) + 30;
    await writeFile(join(dir, "token"), jwt({ sub: "system:serviceaccount:ns:sa", exp }));
    const provider = fromServiceAccountTokenFile({ path: join(dir, "token"), now: clock.now });
    expect((await provider()).expiresAt?.getTime()).toBe(exp * 1000);
  });

  it("reports the next re-check when the token has no earlier exp", async () => {
    const dir = await tempDir();
    const clock = manualClock();
    const exp = Math.floor(clock.now() / 1000) + 3600;
    await writeFile(join(dir, "token"), jwt({ exp }));
    const provider = fromServiceAccountTokenFile({
      path: join(dir, "token"),
      now: clock.now,
      reloadIntervalMs: 60_000,
    });
    expect((await provider()).expiresAt?.getTime()).toBe(clock.now() + 60_000);
    await writeFile(join(dir, "legacy"), "opaque-token");
    const legacy = fromServiceAccountTokenFile({ path: join(dir, "legacy"), now: clock.now });
    expect((await legacy()).expiresAt?.getTime()).toBe(clock.now() + 60_000);
  });

  it("says 'try the next provider' when the file does not exist", async () => {
    const dir = await tempDir();
    const provider = fromServiceAccountTokenFile({ path: join(dir, "missing", "token") });
    const error = await provider().catch((e: unknown) => e);
    expect(isTokenProviderError(error)).toBe(true);
    expect(error).toMatchObject({ tryNextProvider: true, code: "NOT_CONFIGURED" });
  });

  it("stops the chain when the file is empty", async () => {
    const dir = await tempDir();
    await writeFile(join(dir, "token"), " \n");
    const provider = fromServiceAccountTokenFile({ path: join(dir, "token") });
    await expect(provider()).rejects.toMatchObject({ tryNextProvider: false, code: "EMPTY_TOKEN" });
  });

  it("stops the chain when the path cannot be read", async () => {
    const dir = await tempDir();
    await mkdir(join(dir, "token"));
    const provider = fromServiceAccountTokenFile({ path: join(dir, "token") });
    await expect(provider()).rejects.toMatchObject({ tryNextProvider: false, code: "READ_FAILED" });

    await writeFile(join(dir, "locked"), "secret");
    const denied = fromServiceAccountTokenFile({
      path: join(dir, "locked"),
      readFile: async () => {
        throw Object.assign(new Error("EACCES: permission denied"), { code: "EACCES" });
      },
    });
    const error = await denied().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenProviderError);
    expect(error).toMatchObject({ tryNextProvider: false });
    expect((error as Error).message).toContain("EACCES");
  });

  it("with memoize, sees a rotation once the re-check time comes", async () => {
    const dir = await tempDir();
    const clock = manualClock();
    const first = await createProjectedVolume(dir, { token: "memo-one" });
    let reads = 0;
    const provider = memoize(
      fromServiceAccountTokenFile({
        path: join(dir, "token"),
        now: clock.now,
        readFile: async (path) => {
          reads += 1;
          return readFile(path, "utf8");
        },
      }),
      { now: clock.now },
    );
    expect((await provider()).token).toBe("memo-one");
    await rotateProjectedVolume(dir, first, { token: "memo-two" });
    expect((await provider()).token).toBe("memo-one");
    clock.advance(60_000);
    expect((await provider()).token).toBe("memo-two");
    expect(reads).toBe(2);
  });
});
