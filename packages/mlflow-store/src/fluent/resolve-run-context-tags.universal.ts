import { currentUser } from "../client/current-user.js";
import { dict } from "../mapping/dict.js";
import { defaultEnv } from "../runtime.js";
import type * as NodeRunContext from "./resolve-run-context-tags.js";
import { addRunContextFromEnv } from "./run-context-from-env.js";

/**
 * The run-context tags in the universal build (browsers, workers): no entry script, working
 * directory, git work tree or OS account to look at; `mlflow.user` from the given `env` (or
 * `osUser`), else `"unknown"`.
 */
export const resolveRunContextTags: typeof NodeRunContext.resolveRunContextTags = async (
  options = {},
) => {
  const env = options.env ?? defaultEnv();
  const entry = options.argv?.[1];
  const tags = dict<string>({
    "mlflow.user": currentUser({ env, ...(options.osUser ? { osUser: options.osUser } : {}) }),
    "mlflow.source.name": entry ?? "<console>",
    "mlflow.source.type": "LOCAL",
  });
  addRunContextFromEnv(tags, env);
  return tags;
};
