import { describe, expect, it } from "vitest";
import { translateSchema } from "../src/spec/translate-schema.js";
import { createSpecValidator } from "../src/spec-validator.js";

const P = "/api/model_registry/v1alpha3";
const validator = createSpecValidator();
const json = "application/json; charset=UTF-8";
const experiment = {
  id: "1",
  name: "e",
  state: "LIVE",
  customProperties: { n: { metadataType: "MetadataIntValue", int_value: "5" } },
  createTimeSinceEpoch: "1",
  lastUpdateTimeSinceEpoch: "1",
};

describe("createSpecValidator", () => {
  it("accepts a valid body and rejects wrong types, bad enums and bad MetadataValues", () => {
    const ok = {
      method: "GET",
      route: `${P}/experiments/{experimentId}`,
      status: 200,
      contentType: json,
    };
    expect(validator.validateResponse({ ...ok, body: experiment })).toEqual({
      valid: true,
      errors: [],
      undocumented: false,
    });
    for (const body of [
      { ...experiment, name: 5 },
      { ...experiment, state: "DELETED" },
      {
        ...experiment,
        customProperties: { n: { metadataType: "MetadataIntValue", int_value: 5 } },
      },
      { ...experiment, customProperties: { n: { metadataType: "Nope" } } },
    ]) {
      expect(validator.validateResponse({ ...ok, body }).valid, JSON.stringify(body)).toBe(false);
    }
    expect(
      validator.validateResponse({ ...ok, contentType: "text/plain", body: experiment }).valid,
    ).toBe(false);
  });

  it("switches on the artifactType discriminator (a metric body is not checked as a parameter)", () => {
    const ok = { method: "GET", route: `${P}/artifacts/{id}`, status: 200, contentType: json };
    const metric = { artifactType: "metric", id: "1", name: "m", value: 0.5, customProperties: {} };
    expect(validator.validateResponse({ ...ok, body: metric }).valid).toBe(true);
    expect(validator.validateResponse({ ...ok, body: { ...metric, value: "0.5" } }).valid).toBe(
      false,
    );
    expect(
      validator.validateResponse({ ...ok, body: { ...metric, artifactType: "bogus" } }).valid,
    ).toBe(false);
    const list = {
      items: [metric, { artifactType: "parameter", value: "x" }],
      size: 2,
      pageSize: 0,
      nextPageToken: "",
    };
    expect(validator.validateResponse({ ...ok, route: `${P}/artifacts`, body: list }).valid).toBe(
      true,
    );
    expect(
      validator.validateResponse({ ...ok, route: `${P}/artifacts`, body: { items: [] } }).valid,
    ).toBe(false);
  });

  it("flags statuses and paths the spec does not document", () => {
    const result = validator.validateResponse({
      method: "POST",
      route: `${P}/inference_services`,
      status: 201,
      contentType: json,
      body: {},
    });
    expect(result).toMatchObject({ valid: false, undocumented: true });
    expect(
      validator.validateResponse({
        method: "GET",
        route: null,
        status: 404,
        contentType: "text/plain",
        body: "",
      }).undocumented,
    ).toBe(true);
  });

  it("translates nullable, component refs and drops OpenAPI-only keywords", () => {
    expect(translateSchema({ type: "string", nullable: true, example: "x" })).toEqual({
      type: ["string", "null"],
    });
    expect(translateSchema({ $ref: "#/components/schemas/Error" })).toEqual({
      $ref: "#/definitions/Error",
    });
  });
});
