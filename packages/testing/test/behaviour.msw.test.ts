import { defineBehaviourSuites } from "./suites/all-suites.js";
import { useTarget } from "./support/target.js";

// The behaviour suites against the fake installed in MSW's node interceptor (or the E2E registry).
defineBehaviourSuites(useTarget("msw"));
