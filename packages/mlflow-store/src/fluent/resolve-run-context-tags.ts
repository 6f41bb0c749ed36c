import { dirname, resolve } from "node:path";
import { currentUser } from "../client/current-user.js";
import { dict } from "../mapping/dict.js";
import { type ReadTextFile, readGitCommit } from "./read-git-commit.js";
import { addRunContextFromEnv } from "./run-context-from-env.js";

/** Where the automatic run tags come from (all injectable). @public */
export interface RunContextOptions {
  /** @default process.env */
  env?: Record<string, string | undefined>;
  /** The command line; `argv[1]` is the entry script. @default process.argv */
  argv?: readonly string[];
  /** @default process.cwd() */
  cwd?: string;
  /** Used to read `.git` metadata. @default fs.promises.readFile (utf8) */
  readFile?: ReadTextFile;
  /** The OS account name. @default os.userInfo().username */
  osUser?: () => string;
}

/**
 * The tags MLflow's run-context providers add to a new fluent run: `mlflow.user` (see
 * `currentUser`), `mlflow.source.name` (the entry script, or `<console>`), `mlflow.source.type`
 * (`LOCAL`), `mlflow.source.git.commit` (when the entry script, or else the working directory,
 * is inside a git work tree), plus the JSON object in env `MLFLOW_RUN_CONTEXT`. In the universal
 * build (browsers, workers) there is no script, work tree or OS account: `mlflow.user` comes from
 * `env` (else `"unknown"`), `mlflow.source.name` is `<console>` and no commit is read.
 * @public
 */
export async function resolveRunContextTags(
  options: RunContextOptions = {},
): Promise<Record<string, string>> {
  const env = options.env ?? process.env;
  const argv = options.argv ?? process.argv;
  const cwd = options.cwd ?? process.cwd();
  const entry = argv[1];
  const tags = dict<string>({
    "mlflow.user": currentUser({ env, ...(options.osUser ? { osUser: options.osUser } : {}) }),
    "mlflow.source.name": entry ?? "<console>",
    "mlflow.source.type": "LOCAL",
  });
  const commit = await readGitCommit(entry ? dirname(resolve(cwd, entry)) : cwd, options.readFile);
  if (commit !== undefined) tags["mlflow.source.git.commit"] = commit;
  addRunContextFromEnv(tags, env);
  return tags;
}
