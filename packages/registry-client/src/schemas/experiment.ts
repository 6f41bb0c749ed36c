import * as z from "zod";
import { baseResourceShape, listSchema } from "./base-resource.js";

/** Validates an experiment `state`. @public */
export const ExperimentStateSchema = z.enum(["LIVE", "ARCHIVED"]);

/** Validates an experiment response. @public */
export const ExperimentSchema = z.object({
  ...baseResourceShape,
  name: z.string(),
  owner: z.string().exactOptional(),
  state: ExperimentStateSchema.exactOptional(),
});

/** Validates a page of experiments. @public */
export const ExperimentListSchema = listSchema(ExperimentSchema);

/** Validates an experiment run `status`. @public */
export const ExperimentRunStatusSchema = z.enum([
  "RUNNING",
  "SCHEDULED",
  "FINISHED",
  "FAILED",
  "KILLED",
]);

/** Validates an experiment run `state`. @public */
export const ExperimentRunStateSchema = z.enum(["LIVE", "ARCHIVED"]);

/** Validates an experiment run response. @public */
export const ExperimentRunSchema = z.object({
  ...baseResourceShape,
  experimentId: z.string(),
  startTimeSinceEpoch: z.string().exactOptional(),
  endTimeSinceEpoch: z.string().exactOptional(),
  status: ExperimentRunStatusSchema.exactOptional(),
  state: ExperimentRunStateSchema.exactOptional(),
  owner: z.string().exactOptional(),
});

/** Validates a page of experiment runs. @public */
export const ExperimentRunListSchema = listSchema(ExperimentRunSchema);
