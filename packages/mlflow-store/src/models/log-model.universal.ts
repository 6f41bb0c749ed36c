import { needsNode } from "../node-only.js";
import type * as NodeLogModel from "./log-model.js";

/** `logModel` uploads local model files: Node.js only (not in the universal build). */
export const logModel: typeof NodeLogModel.logModel = () => Promise.reject(needsNode("logModel"));
