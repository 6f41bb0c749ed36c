import { describe, expectTypeOf, test } from "vitest";
import type {
  Artifact,
  ArtifactList,
  Experiment,
  ExperimentRun,
  MetricList,
  paths,
  RegisteredModel,
  RegistryClient,
} from "../../src/index.js";
import type { ALL_OPERATIONS } from "../all-operations.js";
import type { Equal } from "./equal.js";

/** The success body type of a call. */
type DataOf<F extends (c: RegistryClient) => Promise<{ data?: unknown }>> = NonNullable<
  Awaited<ReturnType<F>>["data"]
>;
type Ops = typeof ALL_OPERATIONS;

type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

/** Every operation of the generated spec, as "METHOD path". */
type SpecOperation = {
  [P in keyof paths]: {
    [M in Method]: paths[P][M] extends undefined ? never : `${Uppercase<M>} ${P & string}`;
  }[Method];
}[keyof paths];

declare const client: RegistryClient;
const P = "/api/model_registry/v1alpha3" as const;

describe("every operation of the spec is called through the client", () => {
  test("the table of calls covers exactly the spec's operations", () => {
    expectTypeOf<keyof typeof ALL_OPERATIONS>().toEqualTypeOf<SpecOperation>();
  });

  test("responses are typed by the generated schema", () => {
    expectTypeOf<
      Equal<DataOf<Ops[`GET ${typeof P}/experiments/{experimentId}`]>, Experiment>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Equal<
        DataOf<Ops[`POST ${typeof P}/experiments/{experimentId}/experiment_runs`]>,
        ExperimentRun
      >
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Equal<DataOf<Ops[`GET ${typeof P}/artifacts`]>, ArtifactList>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Equal<DataOf<Ops[`POST ${typeof P}/experiment_runs/{experimentrunId}/artifacts`]>, Artifact>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Equal<DataOf<Ops[`GET ${typeof P}/experiment_runs/metric_history`]>, MetricList>
    >().toEqualTypeOf<true>();
    expectTypeOf<
      Equal<DataOf<Ops[`PATCH ${typeof P}/registered_models/{registeredmodelId}`]>, RegisteredModel>
    >().toEqualTypeOf<true>();
    // A wrong expectation is caught:
    expectTypeOf<
      Equal<DataOf<Ops[`GET ${typeof P}/artifacts`]>, MetricList>
    >().toEqualTypeOf<false>();
  });

  test("wrong calls do not compile", () => {
    // @ts-expect-error: path parameters are required
    client.GET(`${P}/experiments/{experimentId}`);
    // @ts-expect-error: the body must be an ExperimentCreate (name is required)
    client.POST(`${P}/experiments`, { body: { description: "no name" } });
    // @ts-expect-error: there is no DELETE anywhere in the registry API
    client.DELETE(`${P}/experiments/{experimentId}`, { params: { path: { experimentId: "1" } } });
    // @ts-expect-error: unknown paths are rejected
    client.GET(`${P}/nope`);
  });
});
