import { needsNode } from "../node-only.js";
import type * as NodeDict from "./dict-artifact.js";

/** `logDict` writes an artifact, which needs Node.js: no YAML serializer in the universal build. */
const unavailable = (): never => {
  throw needsNode("logDict");
};

export const toYaml: typeof NodeDict.toYaml = unavailable;
export const serializeDict: typeof NodeDict.serializeDict = unavailable;
