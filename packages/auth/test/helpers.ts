import { mkdir, mkdtemp, rename, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

const created: string[] = [];

afterEach(async () => {
  for (const dir of created.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A fresh directory under the OS temp dir, removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "mr-auth-"));
  created.push(dir);
  return dir;
}

/** An unsigned JWT with the given claims (signature is not checked by the providers). */
export function jwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part(claims)}.c2lnbmF0dXJl`;
}

let stamp = 0;

async function writePayload(dir: string, files: Record<string, string>): Promise<string> {
  stamp += 1;
  const name = `..2026_11_26_07_00_${String(stamp).padStart(2, "0")}.${process.pid}`;
  await mkdir(join(dir, name));
  for (const [file, content] of Object.entries(files)) {
    await writeFile(join(dir, name, file), content);
  }
  return name;
}

/**
 * Lays out a projected volume the way the kubelet's atomic writer does:
 * `<dir>/..<timestamp>/<file>`, `<dir>/..data -> ..<timestamp>`, `<dir>/<file> -> ..data/<file>`.
 */
export async function createProjectedVolume(
  dir: string,
  files: Record<string, string>,
): Promise<string> {
  const payload = await writePayload(dir, files);
  await symlink(payload, join(dir, "..data"));
  for (const file of Object.keys(files)) await symlink(join("..data", file), join(dir, file));
  return payload;
}

/**
 * Rotates a projected volume like the kubelet: write a new timestamped directory, point a
 * temporary symlink at it, rename that over `..data` (atomic), then delete the old directory.
 */
export async function rotateProjectedVolume(
  dir: string,
  previous: string,
  files: Record<string, string>,
): Promise<string> {
  const payload = await writePayload(dir, files);
  await symlink(payload, join(dir, "..data_tmp"));
  await rename(join(dir, "..data_tmp"), join(dir, "..data"));
  await rm(join(dir, previous), { recursive: true, force: true });
  return payload;
}

/** A controllable clock. */
export function manualClock(start = Date.UTC(2026, 10, 26, 7, 0, 0)) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
  };
}

/** A promise plus its resolve function. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}
