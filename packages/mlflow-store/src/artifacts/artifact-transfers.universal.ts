import { needsNode } from "../node-only.js";
import type * as NodeTransfers from "./artifact-transfers.js";

/**
 * Artifact transfers in the universal build (browsers, workers): artifacts go between local files
 * and an artifact repository, so every artifact method of the client and the fluent API rejects
 * with `NOT_IMPLEMENTED` there.
 */
const unavailable = () => Promise.reject(needsNode("Artifact logging and download"));

export const logArtifact: typeof NodeTransfers.logArtifact = unavailable;
export const localFiles: typeof NodeTransfers.localFiles = unavailable;
export const logArtifacts: typeof NodeTransfers.logArtifacts = unavailable;
export const logBytes: typeof NodeTransfers.logBytes = unavailable;
export const listArtifacts: typeof NodeTransfers.listArtifacts = unavailable;
export const downloadArtifacts: typeof NodeTransfers.downloadArtifacts = unavailable;
