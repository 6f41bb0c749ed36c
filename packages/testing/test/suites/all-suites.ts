import type { Target } from "../support/target.js";
import { artifactSuite } from "./artifacts.js";
import { customPropertiesSuite } from "./custom-properties.js";
import { experimentRunSuite } from "./experiment-runs.js";
import { experimentSuite } from "./experiments.js";
import { filterEndpointSuite } from "./filter-endpoints.js";
import { gotchaSuite } from "./gotchas.js";
import { metricHistorySuite } from "./metric-history.js";
import { modelRegistrySuite } from "./model-registry.js";
import { pagingSuite } from "./paging.js";
import { routeCoverageSuite } from "./route-coverage.js";
import { servingSuite } from "./serving.js";
import { transportSuite } from "./transport.js";

/** Every behaviour suite, run against one target. */
export function defineBehaviourSuites(target: Target): void {
  experimentSuite(target);
  experimentRunSuite(target);
  artifactSuite(target);
  metricHistorySuite(target);
  modelRegistrySuite(target);
  servingSuite(target);
  pagingSuite(target);
  customPropertiesSuite(target);
  transportSuite(target);
  filterEndpointSuite(target);
  gotchaSuite(target);
  routeCoverageSuite(target);
}
