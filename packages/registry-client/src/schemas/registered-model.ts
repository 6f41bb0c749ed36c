import { z } from "zod";
import { baseResourceShape, listSchema } from "./base-resource.js";

/** @public */
export const RegisteredModelStateSchema = z.enum(["LIVE", "ARCHIVED"]);

/** @public */
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

/** @public */
export const RegisteredModelListSchema = listSchema(RegisteredModelSchema);

/** @public */
export const ModelVersionStateSchema = z.enum(["LIVE", "ARCHIVED"]);

/** @public */
export const ModelVersionSchema = z.object({
  ...baseResourceShape,
  name: z.string(),
  registeredModelId: z.string(),
  state: ModelVersionStateSchema.exactOptional(),
  author: z.string().exactOptional(),
});

/** @public */
export const ModelVersionListSchema = listSchema(ModelVersionSchema);

/** The registry's JSON error body. @public */
export const RegistryErrorBodySchema = z.object({ code: z.string(), message: z.string() });
