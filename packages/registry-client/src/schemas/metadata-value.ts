import * as z from "zod";

/** Validates an integer custom property value. @public */
export const MetadataIntValueSchema = z.object({
  metadataType: z.literal("MetadataIntValue"),
  int_value: z.string(),
});
/** Validates a double custom property value. @public */
export const MetadataDoubleValueSchema = z.object({
  metadataType: z.literal("MetadataDoubleValue"),
  double_value: z.number(),
});
/** Validates a string custom property value. @public */
export const MetadataStringValueSchema = z.object({
  metadataType: z.literal("MetadataStringValue"),
  string_value: z.string(),
});
/** Struct values: JSON text in responses, base64 of JSON in requests. @public */
export const MetadataStructValueSchema = z.object({
  metadataType: z.literal("MetadataStructValue"),
  struct_value: z.string(),
});
/** Part of the spec, rejected by the server. @public */
export const MetadataProtoValueSchema = z.object({
  metadataType: z.literal("MetadataProtoValue"),
  type: z.string(),
  proto_value: z.string(),
});
/** Validates a boolean custom property value. @public */
export const MetadataBoolValueSchema = z.object({
  metadataType: z.literal("MetadataBoolValue"),
  bool_value: z.boolean(),
});

/** The `MetadataValue` union, discriminated by `metadataType`. @public */
export const MetadataValueSchema = z.discriminatedUnion("metadataType", [
  MetadataIntValueSchema,
  MetadataDoubleValueSchema,
  MetadataStringValueSchema,
  MetadataStructValueSchema,
  MetadataProtoValueSchema,
  MetadataBoolValueSchema,
]);

/** A `customProperties` map. @public */
export const CustomPropertiesSchema = z.record(z.string(), MetadataValueSchema);
