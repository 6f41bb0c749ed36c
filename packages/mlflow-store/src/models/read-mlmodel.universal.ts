import { needsNode } from "../node-only.js";
import type * as NodeReadMlmodel from "./read-mlmodel.js";

/**
 * Reading a model's MLmodel file is an artifact download: Node.js only. (A model version from a
 * `runs:/` source can still be created with `modelFormat` given, which skips the read.)
 */
export const readMlmodel: typeof NodeReadMlmodel.readMlmodel = () =>
  Promise.reject(needsNode("Reading a model's MLmodel file (pass modelFormat to skip it)"));
