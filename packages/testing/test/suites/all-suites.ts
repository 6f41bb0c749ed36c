import type { Target } from "../support/target.js";
import { experimentRunSuite } from "./experiment-runs.js";
import { experimentSuite } from "./experiments.js";

/** Every behaviour suite, run against one target. */
export function defineBehaviourSuites(target: Target): void {
  experimentSuite(target);
  experimentRunSuite(target);
}
