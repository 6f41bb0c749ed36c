import { describe, expectTypeOf, test } from "vitest";
import {
  type Artifact,
  type CustomPropertyValue,
  decodeCustomProperties,
  type Experiment,
  type ExperimentRun,
  encodeCustomProperties,
  type ListItem,
  type ListPath,
  type MetadataValue,
  paginate,
  type RegistryClient,
  unwrap,
} from "../../src/index.js";
import type { Equal } from "./equal.js";

declare const client: RegistryClient;
const P = "/api/model_registry/v1alpha3" as const;

describe("helpers keep the generated types", () => {
  test("unwrap yields the success body type", async () => {
    const data = await unwrap(
      client.GET(`${P}/experiments/{experimentId}`, { params: { path: { experimentId: "1" } } }),
    );
    expectTypeOf<Equal<typeof data, Experiment>>().toEqualTypeOf<true>();
  });

  test("paginate yields the item type of the list path", () => {
    const runs = paginate(client, `${P}/experiments/{experimentId}/experiment_runs`, {
      params: { path: { experimentId: "1" }, query: { filterQuery: "x" } },
    });
    expectTypeOf<
      Equal<typeof runs extends AsyncIterable<infer I> ? I : never, ExperimentRun>
    >().toEqualTypeOf<true>();
    expectTypeOf<Equal<ListItem<`${typeof P}/artifacts`>, Artifact>>().toEqualTypeOf<true>();
    paginate(client, `${P}/experiments`);
  });

  test("paginate accepts only list paths and needs path parameters", () => {
    expectTypeOf<`${typeof P}/experiments/{experimentId}`>().not.toMatchTypeOf<ListPath>();
    // @ts-expect-error: not a list operation
    paginate(client, `${P}/experiment`);
    // @ts-expect-error: the experiment id is required
    paginate(client, `${P}/experiments/{experimentId}/experiment_runs`);
  });

  test("the codec maps plain values to MetadataValue and back", () => {
    expectTypeOf(encodeCustomProperties({ a: 1, b: "x", c: { d: [1] } })).toEqualTypeOf<
      Record<string, MetadataValue>
    >();
    expectTypeOf(decodeCustomProperties({})).toEqualTypeOf<Record<string, CustomPropertyValue>>();
    // @ts-expect-error: undefined is not a custom property value
    encodeCustomProperties({ a: undefined });
  });
});
