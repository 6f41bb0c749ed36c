import { defineBehaviourSuites } from "./suites/all-suites.js";
import { useTarget } from "./support/target.js";

// The behaviour suites against the fake served on a real loopback port (or the E2E registry).
defineBehaviourSuites(useTarget("server"));
