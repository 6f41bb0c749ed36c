import * as z from "zod";
import { baseResourceShape, listSchema } from "./base-resource.js";

/** Validates a registered model `state`. @public */
export const RegisteredModelStateSchema = z.enum(["LIVE", "ARCHIVED"]);

/** Validates a registered model response. @public */
export const RegisteredModelSchema = z.object({
  ...baseResourceShape,
  name: z.string(),
  readme: z.string().exactOptional(),
  maturity: z.string().exactOptional(),
  language: z.array(z.string()).exactOptional(),
  tasks: z.array(z.string()).exactOptional(),
  provider: z.string().exactOptional(),
  logo: z.string().exactOptional(),
  license: z.string().exactOptional(),
  licenseLink: z.string().exactOptional(),
  libraryName: z.string().exactOptional(),
  owner: z.string().exactOptional(),
  state: RegisteredModelStateSchema.exactOptional(),
});

/** Validates a page of registered models. @public */
export const RegisteredModelListSchema = listSchema(RegisteredModelSchema);

/** Validates a model version `state`. @public */
export const ModelVersionStateSchema = z.enum(["LIVE", "ARCHIVED"]);

/** Validates a model version response. @public */
export const ModelVersionSchema = z.object({
  ...baseResourceShape,
  name: z.string(),
  registeredModelId: z.string(),
  state: ModelVersionStateSchema.exactOptional(),
  author: z.string().exactOptional(),
});

/** Validates a page of model versions. @public */
export const ModelVersionListSchema = listSchema(ModelVersionSchema);

/** The registry's JSON error body. @public */
export const RegistryErrorBodySchema = z.object({ code: z.string(), message: z.string() });
