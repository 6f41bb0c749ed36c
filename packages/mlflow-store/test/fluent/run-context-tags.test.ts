import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { currentUser } from "../../src/client/current-user.js";
import { readGitCommit } from "../../src/fluent/read-git-commit.js";
import { resolveRunContextTags } from "../../src/fluent/resolve-run-context-tags.js";

const SHA_A = "a".repeat(40);
const SHA_B = "0123456789abcdef0123456789abcdef01234567";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "mlflow-store-git-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(path: string, text: string): Promise<void> {
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, text);
}

describe("readGitCommit", () => {
  it("follows HEAD to a loose branch ref, from a nested directory", async () => {
    await write(join(root, ".git/HEAD"), "ref: refs/heads/main\n");
    await write(join(root, ".git/refs/heads/main"), `${SHA_A}\n`);
    await mkdir(join(root, "src/deep"), { recursive: true });
    expect(await readGitCommit(join(root, "src/deep"))).toBe(SHA_A);
  });

  it("finds a branch only in packed-refs, and a detached HEAD", async () => {
    await write(join(root, ".git/HEAD"), "ref: refs/heads/feature\n");
    await write(
      join(root, ".git/packed-refs"),
      `# pack-refs with: peeled\n${SHA_B} refs/heads/feature\n`,
    );
    expect(await readGitCommit(root)).toBe(SHA_B);
    await write(join(root, ".git/HEAD"), `${SHA_A}\n`);
    expect(await readGitCommit(root)).toBe(SHA_A);
  });

  it("follows a .git file to a worktree git dir and its commondir", async () => {
    const main = join(root, "main");
    const worktree = join(root, "wt");
    await write(join(main, ".git/worktrees/wt/HEAD"), "ref: refs/heads/topic\n");
    await write(join(main, ".git/worktrees/wt/commondir"), "../..\n");
    await write(join(main, ".git/refs/heads/topic"), `${SHA_B}\n`);
    await write(join(worktree, ".git"), `gitdir: ${join(main, ".git/worktrees/wt")}\n`);
    expect(await readGitCommit(worktree)).toBe(SHA_B);
  });

  it("is undefined outside a repository and for an unborn branch", async () => {
    expect(
      await readGitCommit(root, async () => Promise.reject(new Error("ENOENT"))),
    ).toBeUndefined();
    await write(join(root, ".git/HEAD"), "ref: refs/heads/main\n");
    expect(await readGitCommit(root)).toBeUndefined();
  });
});

describe("currentUser", () => {
  it("prefers MLFLOW_TRACKING_USERNAME, then LOGNAME/USER/LNAME/USERNAME, then the OS account", () => {
    expect(
      currentUser({ env: { MLFLOW_TRACKING_USERNAME: "ml", USER: "u" }, osUser: () => "os" }),
    ).toBe("ml");
    expect(currentUser({ env: { USERNAME: "win", USER: "u" }, osUser: () => "os" })).toBe("u");
    expect(currentUser({ env: {}, osUser: () => "os" })).toBe("os");
    expect(
      currentUser({
        env: {},
        osUser: () => {
          throw new Error("no passwd entry");
        },
      }),
    ).toBe("unknown");
  });
});

describe("resolveRunContextTags", () => {
  it("gives user, entry script, LOCAL source type, git commit and MLFLOW_RUN_CONTEXT tags", async () => {
    await write(join(root, ".git/HEAD"), `${SHA_A}\n`);
    await write(join(root, "scripts/train.ts"), "");
    const tags = await resolveRunContextTags({
      env: { USER: "ada", MLFLOW_RUN_CONTEXT: JSON.stringify({ team: "vision", attempt: 2 }) },
      argv: ["node", "scripts/train.ts"],
      cwd: root,
    });
    expect(tags).toEqual({
      "mlflow.user": "ada",
      "mlflow.source.name": "scripts/train.ts",
      "mlflow.source.type": "LOCAL",
      "mlflow.source.git.commit": SHA_A,
      team: "vision",
      attempt: "2",
    });
  });

  it("uses <console> without an entry script, omits the commit outside git and ignores bad MLFLOW_RUN_CONTEXT", async () => {
    const tags = await resolveRunContextTags({
      env: { USER: "ada", MLFLOW_RUN_CONTEXT: "{not json" },
      argv: ["node"],
      cwd: root,
      readFile: async () => Promise.reject(new Error("ENOENT")),
    });
    expect(tags).toEqual({
      "mlflow.user": "ada",
      "mlflow.source.name": "<console>",
      "mlflow.source.type": "LOCAL",
    });
  });
});
