import * as z from "zod";
import { CustomPropertiesSchema } from "./metadata-value.js";

/** Fields every stored entity has (`BaseResource` in the spec). */
export const baseResourceShape = {
  customProperties: CustomPropertiesSchema.exactOptional(),
  description: z.string().exactOptional(),
  externalId: z.string().exactOptional(),
  name: z.string().exactOptional(),
  id: z.string().exactOptional(),
  createTimeSinceEpoch: z.string().exactOptional(),
  lastUpdateTimeSinceEpoch: z.string().exactOptional(),
};

/** Fields of every list response (`BaseResourceList` in the spec). */
export const baseListShape = {
  nextPageToken: z.string(),
  pageSize: z.number(),
  size: z.number(),
};

/** Builds the schema of a list of `item`. */
export function listSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), ...baseListShape });
}
