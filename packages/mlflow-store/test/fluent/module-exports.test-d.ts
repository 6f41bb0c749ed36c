/**
 * The module-level fluent functions and the `Fluent` interface list the same functions with the
 * same signatures, and the package exports all of them: adding a method to one without the other
 * fails this type check.
 */
import { describe, expectTypeOf, it } from "vitest";
import type * as fluentModule from "../../src/fluent/fluent.js";
import type * as pkg from "../../src/index.js";

type ModuleFunctions = Omit<typeof fluentModule, "getDefaultFluent">;
type FluentMethods = { [K in keyof pkg.Fluent]: pkg.Fluent[K] };

describe("the fluent module API", () => {
  it("has exactly the functions of a Fluent instance", () => {
    expectTypeOf<keyof ModuleFunctions>().toEqualTypeOf<keyof pkg.Fluent>();
  });

  it("with the same signatures", () => {
    expectTypeOf<ModuleFunctions>().toEqualTypeOf<FluentMethods>();
  });

  it("and the package exports every one of them", () => {
    expectTypeOf<Pick<typeof pkg, keyof pkg.Fluent>>().toEqualTypeOf<FluentMethods>();
  });
});
