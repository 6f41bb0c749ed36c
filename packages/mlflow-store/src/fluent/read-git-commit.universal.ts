import { needsNode } from "../node-only.js";
import type * as NodeGit from "./read-git-commit.js";

/** `readGitCommit` in the universal build (browsers, workers): there is no work tree to read. */
export const readGitCommit: typeof NodeGit.readGitCommit = () =>
  Promise.reject(needsNode("readGitCommit"));
