import type { RouteDefinition } from "../core/route-kit.js";
import { artifactRoutes } from "./artifacts.js";
import { experimentRunRoutes, runArtifactRoutes } from "./experiment-runs.js";
import { experimentRoutes } from "./experiments.js";
import { inferenceServiceRoutes } from "./inference-services.js";
import { metricHistoryRoutes } from "./metric-history.js";
import { modelArtifactRoutes } from "./model-artifacts.js";
import { modelVersionRoutes } from "./model-versions.js";
import { registeredModelRoutes } from "./registered-models.js";
import { servingEnvironmentRoutes } from "./serving-environments.js";

/** All 56 routes of the registry API. @internal */
export const ALL_ROUTES: readonly RouteDefinition[] = [
  ...artifactRoutes,
  ...experimentRoutes,
  ...experimentRunRoutes,
  ...runArtifactRoutes,
  ...metricHistoryRoutes,
  ...inferenceServiceRoutes,
  ...modelArtifactRoutes,
  ...modelVersionRoutes,
  ...registeredModelRoutes,
  ...servingEnvironmentRoutes,
];
