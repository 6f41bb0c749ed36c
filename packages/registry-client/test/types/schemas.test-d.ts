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

type S = components["schemas"];
/** Flattens intersections and drops `readonly`, keeping optionality, so shapes compare structurally. */
type Normalize<T> = T extends readonly (infer I)[]
  ? Normalize<I>[]
  : T extends object
    ? { -readonly [K in keyof T]: Normalize<T[K]> }
    : T;
type Equal<A, B> =
  (<X>() => X extends Normalize<A> ? 1 : 2) extends <X>() => X extends Normalize<B> ? 1 : 2
    ? true
    : false;
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
