import { describe, expectTypeOf, test } from "vitest";
import type { z } from "zod";
import type { components } from "../../src/generated/schema.js";
import type {
  ArtifactListSchema,
  ArtifactSchema,
  DataSetSchema,
  DocArtifactSchema,
  ExperimentListSchema,
  ExperimentRunListSchema,
  ExperimentRunSchema,
  ExperimentSchema,
  MetadataValueSchema,
  MetricListSchema,
  MetricSchema,
  ModelArtifactSchema,
  ModelVersionSchema,
  ParameterSchema,
  RegisteredModelSchema,
} from "../../src/schemas/index.js";
import type { Equal } from "./equal.js";

type S = components["schemas"];
type Drift<Schema extends z.ZodType, Generated> = Equal<z.output<Schema>, Generated>;

describe("zod schemas match the generated types exactly (drift check)", () => {
  test("metadata values", () => {
    expectTypeOf<Drift<typeof MetadataValueSchema, S["MetadataValue"]>>().toEqualTypeOf<true>();
  });
  test("experiments and runs", () => {
    expectTypeOf<Drift<typeof ExperimentSchema, S["Experiment"]>>().toEqualTypeOf<true>();
    expectTypeOf<Drift<typeof ExperimentListSchema, S["ExperimentList"]>>().toEqualTypeOf<true>();
    expectTypeOf<Drift<typeof ExperimentRunSchema, S["ExperimentRun"]>>().toEqualTypeOf<true>();
    expectTypeOf<
      Drift<typeof ExperimentRunListSchema, S["ExperimentRunList"]>
    >().toEqualTypeOf<true>();
  });
  test("artifact union members", () => {
    expectTypeOf<Drift<typeof ModelArtifactSchema, S["ModelArtifact"]>>().toEqualTypeOf<true>();
    expectTypeOf<Drift<typeof DocArtifactSchema, S["DocArtifact"]>>().toEqualTypeOf<true>();
    expectTypeOf<Drift<typeof DataSetSchema, S["DataSet"]>>().toEqualTypeOf<true>();
    expectTypeOf<Drift<typeof MetricSchema, S["Metric"]>>().toEqualTypeOf<true>();
    expectTypeOf<Drift<typeof ParameterSchema, S["Parameter"]>>().toEqualTypeOf<true>();
    expectTypeOf<Drift<typeof ArtifactSchema, S["Artifact"]>>().toEqualTypeOf<true>();
    expectTypeOf<Drift<typeof ArtifactListSchema, S["ArtifactList"]>>().toEqualTypeOf<true>();
    expectTypeOf<Drift<typeof MetricListSchema, S["MetricList"]>>().toEqualTypeOf<true>();
  });
  test("registered models and versions", () => {
    expectTypeOf<Drift<typeof RegisteredModelSchema, S["RegisteredModel"]>>().toEqualTypeOf<true>();
    expectTypeOf<Drift<typeof ModelVersionSchema, S["ModelVersion"]>>().toEqualTypeOf<true>();
  });
});
