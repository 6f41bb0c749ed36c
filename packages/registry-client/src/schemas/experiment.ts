import { z } from "zod";
import { baseResourceShape, listSchema } from "./base-resource.js";

/** @public */
export const ExperimentStateSchema = z.enum(["LIVE", "ARCHIVED"]);

/** @public */
export const ExperimentSchema = z.object({
  ...baseResourceShape,
  name: z.string(),
  owner: z.string().exactOptional(),
  state: ExperimentStateSchema.exactOptional(),
});

/** @public */
export const ExperimentListSchema = listSchema(ExperimentSchema);

/** @public */
export const ExperimentRunStatusSchema = z.enum([
  "RUNNING",
  "SCHEDULED",
  "FINISHED",
  "FAILED",
  "KILLED",
]);

/** @public */
export const ExperimentRunStateSchema = z.enum(["LIVE", "ARCHIVED"]);

/** @public */
export const ExperimentRunSchema = z.object({
  ...baseResourceShape,
  experimentId: z.string(),
  startTimeSinceEpoch: z.string().exactOptional(),
  endTimeSinceEpoch: z.string().exactOptional(),
  status: ExperimentRunStatusSchema.exactOptional(),
  state: ExperimentRunStateSchema.exactOptional(),
  owner: z.string().exactOptional(),
});

/** @public */
export const ExperimentRunListSchema = listSchema(ExperimentRunSchema);
