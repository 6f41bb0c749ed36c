import { describe, expect, it } from "vitest";
import { createExperiment } from "../support/builders.js";
import { type Target, unique } from "../support/target.js";

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64");

/** §6: customProperties encoding. */
export function customPropertiesSuite(t: Target): void {
  async function create(customProperties: unknown) {
    return t.request("POST", "/experiments", { body: { name: unique("cp"), customProperties } });
  }

  describe("§6 customProperties", () => {
    it("round-trips every supported type in the server's encoding", async () => {
      const created = await create({
        s: { metadataType: "MetadataStringValue", string_value: "x" },
        i: { metadataType: "MetadataIntValue", int_value: "0042" },
        d: { metadataType: "MetadataDoubleValue", double_value: 1.0 },
        b: { metadataType: "MetadataBoolValue", bool_value: true },
        st: { metadataType: "MetadataStructValue", struct_value: b64({ a: [1, 2] }) },
        empty: { metadataType: "MetadataStringValue" },
        folded: { metadataType: "MetadataBoolValue", Bool_Value: true },
      });
      expect(created.status).toBe(201);
      expect(created.json.customProperties).toEqual({
        s: { metadataType: "MetadataStringValue", string_value: "x" },
        i: { metadataType: "MetadataIntValue", int_value: "42" },
        d: { metadataType: "MetadataDoubleValue", double_value: 1 },
        b: { metadataType: "MetadataBoolValue", bool_value: true },
        st: { metadataType: "MetadataStructValue", struct_value: '{"a":[1,2]}' },
        empty: { metadataType: "MetadataStringValue", string_value: "" },
        folded: { metadataType: "MetadataBoolValue", bool_value: true },
      });
    });

    it("keeps keys named like Object.prototype members (__proto__, constructor) as ordinary keys", async () => {
      const s = (v: string) => ({ metadataType: "MetadataStringValue", string_value: v });
      // JSON.parse makes `__proto__` an own key (an object literal would set the prototype).
      const properties = JSON.parse(
        JSON.stringify({ proto: s("p"), constructor: s("c"), toString: s("t") }).replace(
          '"proto"',
          '"__proto__"',
        ),
      );
      const created = await create(properties);
      expect(created.status).toBe(201);
      const read = await t.request("GET", `/experiments/${created.json.id}`);
      expect(Object.keys(read.json.customProperties).sort()).toEqual([
        "__proto__",
        "constructor",
        "toString",
      ]);
      expect(read.json.customProperties.constructor).toEqual(s("c"));
    });

    it("rejects int_value as a number or beyond int32, proto values, unknown types and bad base64", async () => {
      const bad: unknown[] = [
        { metadataType: "MetadataIntValue", int_value: 5 },
        { metadataType: "MetadataIntValue", int_value: "2147483648" },
        { metadataType: "MetadataProtoValue", type: "t", proto_value: "AA==" },
        { string_value: "no type" },
        { metadataType: "MetadataStructValue", struct_value: "{not base64}" },
        "plain string",
      ];
      for (const value of bad) {
        const response = await create({ key: value });
        expect(response.status, JSON.stringify(value)).toBe(400);
        expect(response.json.code).toBe("Bad Request");
      }
    });

    it("a PATCH with customProperties replaces the whole map; {} clears; omitted keeps", async () => {
      const s = (v: string) => ({ metadataType: "MetadataStringValue", string_value: v });
      const created = await create({ a: s("1"), b: s("2") });
      const path = `/experiments/${created.json.id}`;
      const kept = await t.request("PATCH", path, { body: { description: "d" } });
      expect(Object.keys(kept.json.customProperties)).toEqual(["a", "b"]);
      const replaced = await t.request("PATCH", path, {
        body: { customProperties: { c: s("3") } },
      });
      expect(replaced.json.customProperties).toEqual({ c: s("3") });
      const cleared = await t.request("PATCH", path, { body: { customProperties: {} } });
      expect(cleared.json.customProperties).toEqual({});
    });

    it("a stored struct makes later updates without customProperties fail (plain JSON re-fed to base64)", async () => {
      const created = await create({
        st: { metadataType: "MetadataStructValue", struct_value: b64({ a: 1 }) },
      });
      const path = `/experiments/${created.json.id}`;
      const failing = await t.request("PATCH", path, { body: { description: "d" } });
      expect(failing.status).toBe(400);
      expect(failing.json.message).toContain("illegal base64 data");
      const resent = await t.request("PATCH", path, {
        body: {
          customProperties: {
            st: { metadataType: "MetadataStructValue", struct_value: b64({ a: 2 }) },
          },
        },
      });
      expect(resent.status).toBe(200);
    });

    it("hides experiment_id and experiment_run_id; on artifacts an int experiment_id surfaces as experimentId", async () => {
      const hidden = { metadataType: "MetadataIntValue", int_value: "7" };
      const experiment = await createExperiment(t, { customProperties: { experiment_id: hidden } });
      expect(experiment.customProperties).toEqual({});
      const artifact = await t.request("POST", "/artifacts", {
        body: {
          artifactType: "doc-artifact",
          customProperties: {
            experiment_id: hidden,
            experiment_run_id: { metadataType: "MetadataStringValue", string_value: "x" },
          },
        },
      });
      expect(artifact.json.experimentId).toBe("7");
      expect(artifact.json).not.toHaveProperty("experimentRunId");
      expect(artifact.json.customProperties).toEqual({});
    });
  });
}
