/**
 * The runtime lists of option keys (unknown keys are rejected) name every option of the
 * options types: an option added to a type but not to its list fails this type check.
 */
import { describe, expectTypeOf, it } from "vitest";
import type { CLIENT_OPTION_KEYS } from "../../src/client/create-mlflow-client.js";
import type { CONNECTION_OPTION_KEYS } from "../../src/connection-options.js";
import type { STORE_OPTION_KEYS } from "../../src/create-mlflow-store.js";
import type { FLUENT_OPTION_KEYS } from "../../src/fluent/create-fluent.js";
import type {
  ConnectionOptions,
  FluentOptions,
  MlflowClientOptions,
  MlflowStoreOptions,
} from "../../src/index.js";

type Unlisted<Options, Keys extends readonly unknown[]> = Exclude<keyof Options, Keys[number]>;

describe("option key lists", () => {
  it("list every option", () => {
    expectTypeOf<Unlisted<ConnectionOptions, typeof CONNECTION_OPTION_KEYS>>().toBeNever();
    expectTypeOf<Unlisted<MlflowStoreOptions, typeof STORE_OPTION_KEYS>>().toBeNever();
    expectTypeOf<Unlisted<MlflowClientOptions, typeof CLIENT_OPTION_KEYS>>().toBeNever();
    expectTypeOf<Unlisted<FluentOptions, typeof FLUENT_OPTION_KEYS>>().toBeNever();
  });
});
