import { readFile as fsReadFile } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";

/** Reads a text file; rejects when it does not exist. @public */
export type ReadTextFile = (path: string) => Promise<string>;

const defaultReadFile: ReadTextFile = (path) => fsReadFile(path, "utf8");
const SHA = /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/;
const MAX_SYMREF_DEPTH = 5;

/**
 * The commit checked out in the git work tree that contains `startDir`, read from `.git/HEAD`,
 * loose refs and `packed-refs` without running git. Handles `.git` files (worktrees, submodules)
 * and a worktree's `commondir`. Returns `undefined` outside a repository or when HEAD is unborn.
 * @public
 */
export async function readGitCommit(
  startDir: string,
  readFile: ReadTextFile = defaultReadFile,
): Promise<string | undefined> {
  const gitDir = await findGitDir(resolve(startDir), readFile);
  if (gitDir === undefined) return undefined;
  const commonDir = await readOptional(join(gitDir, "commondir"), readFile).then((text) => {
    const value = text?.trim();
    if (!value) return gitDir;
    return isAbsolute(value) ? value : resolve(gitDir, value);
  });
  let head = (await readOptional(join(gitDir, "HEAD"), readFile))?.trim();
  for (let depth = 0; head !== undefined && depth < MAX_SYMREF_DEPTH; depth++) {
    if (SHA.test(head)) return head;
    const ref = /^ref:\s*(\S+)$/.exec(head)?.[1];
    if (ref === undefined) return undefined;
    head = await resolveRef(ref, gitDir, commonDir, readFile);
  }
  return undefined;
}

async function findGitDir(start: string, readFile: ReadTextFile): Promise<string | undefined> {
  for (let dir = start; ; dir = dirname(dir)) {
    const dotGit = join(dir, ".git");
    if ((await readOptional(join(dotGit, "HEAD"), readFile)) !== undefined) return dotGit;
    const pointer = (await readOptional(dotGit, readFile))?.trim();
    const target = pointer === undefined ? undefined : /^gitdir:\s*(.+)$/.exec(pointer)?.[1];
    if (target !== undefined) return isAbsolute(target) ? target : resolve(dir, target);
    if (dirname(dir) === dir) return undefined;
  }
}

async function resolveRef(
  ref: string,
  gitDir: string,
  commonDir: string,
  readFile: ReadTextFile,
): Promise<string | undefined> {
  for (const base of gitDir === commonDir ? [gitDir] : [gitDir, commonDir]) {
    const loose = (await readOptional(join(base, ref), readFile))?.trim();
    if (loose) return loose;
  }
  const packed = await readOptional(join(commonDir, "packed-refs"), readFile);
  for (const line of packed?.split("\n") ?? []) {
    const [sha, name] = line.trim().split(/\s+/);
    if (name === ref && sha !== undefined && SHA.test(sha)) return sha;
  }
  return undefined;
}

async function readOptional(path: string, readFile: ReadTextFile): Promise<string | undefined> {
  try {
    return await readFile(path);
  } catch {
    return undefined;
  }
}
