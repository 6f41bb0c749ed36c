import type { Target } from "../support/target.js";
import { artifactSuite } from "./artifacts.js";
import { experimentRunSuite } from "./experiment-runs.js";
import { experimentSuite } from "./experiments.js";
import { metricHistorySuite } from "./metric-history.js";
import { modelRegistrySuite } from "./model-registry.js";
import { servingSuite } from "./serving.js";

/** Every behaviour suite, run against one target. */
export function defineBehaviourSuites(target: Target): void {
  experimentSuite(target);
  experimentRunSuite(target);
  artifactSuite(target);
  metricHistorySuite(target);
  modelRegistrySuite(target);
  servingSuite(target);
}
