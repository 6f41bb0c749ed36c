import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type CustomPropertyValue,
  DoubleValue,
  decodeCustomProperties,
  decodeMetadataValue,
  double,
  encodeCustomProperties,
  encodeMetadataValue,
  INT32_MAX,
  INT32_MIN,
  IntValue,
  int,
  isRegistryError,
  type MetadataValue,
} from "../src/index.js";

function codecError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (isRegistryError(error) && error.code === "INVALID_CUSTOM_PROPERTY") return error.message;
    throw error;
  }
  throw new Error("expected an INVALID_CUSTOM_PROPERTY error");
}

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("encode", () => {
  test("each plain JS type maps to its MetadataValue", () => {
    expect(
      encodeCustomProperties({
        s: "x",
        i: 42,
        neg: -7,
        d: 0.5,
        big: 3_000_000_000,
        t: true,
        f: false,
        o: { a: [1] },
      }),
    ).toEqual({
      s: { metadataType: "MetadataStringValue", string_value: "x" },
      i: { metadataType: "MetadataIntValue", int_value: "42" },
      neg: { metadataType: "MetadataIntValue", int_value: "-7" },
      d: { metadataType: "MetadataDoubleValue", double_value: 0.5 },
      big: { metadataType: "MetadataDoubleValue", double_value: 3_000_000_000 },
      t: { metadataType: "MetadataBoolValue", bool_value: true },
      f: { metadataType: "MetadataBoolValue", bool_value: false },
      o: { metadataType: "MetadataStructValue", struct_value: b64('{"a":[1]}') },
    });
  });

  test("int() and double() choose the type explicitly", () => {
    expect(encodeMetadataValue(double(2))).toEqual({
      metadataType: "MetadataDoubleValue",
      double_value: 2,
    });
    expect(encodeMetadataValue(int("12"))).toEqual({
      metadataType: "MetadataIntValue",
      int_value: "12",
    });
    expect(encodeMetadataValue(int(-5n))).toEqual({
      metadataType: "MetadataIntValue",
      int_value: "-5",
    });
  });

  test("int32 limits are accepted inclusively and rejected one beyond", () => {
    expect(encodeMetadataValue(int(INT32_MAX))).toMatchObject({ int_value: "2147483647" });
    expect(encodeMetadataValue(int(INT32_MIN))).toMatchObject({ int_value: "-2147483648" });
    expect(codecError(() => int(INT32_MAX + 1))).toMatch(/int32/);
    expect(codecError(() => int(INT32_MIN - 1))).toMatch(/int32/);
    expect(codecError(() => int(2n ** 31n))).toMatch(/int32/);
    expect(codecError(() => int("2147483648"))).toMatch(/int32/);
    expect(codecError(() => int(1.5))).toMatch(/int32/);
    expect(codecError(() => int("1e3"))).toMatch(/decimal integer/);
    // Plain numbers just beyond int32 are stored as doubles instead of being rejected.
    expect(encodeMetadataValue(INT32_MAX + 1)).toMatchObject({
      metadataType: "MetadataDoubleValue",
    });
  });

  test("values the server would reject fail with the key in the message", () => {
    expect(codecError(() => encodeCustomProperties({ n: Number.NaN }))).toContain('"n"');
    expect(codecError(() => encodeMetadataValue(Number.POSITIVE_INFINITY))).toMatch(/not finite/);
    expect(codecError(() => encodeMetadataValue(double(Number.NaN)))).toMatch(/not finite/);
    expect(codecError(() => encodeMetadataValue([1, 2] as unknown as CustomPropertyValue))).toMatch(
      /array/,
    );
    expect(codecError(() => encodeMetadataValue(null as unknown as CustomPropertyValue))).toMatch(
      /null/,
    );
    expect(
      codecError(() => encodeMetadataValue(new Date() as unknown as CustomPropertyValue)),
    ).toMatch(/object/);
    expect(codecError(() => encodeMetadataValue("a\u0000b"))).toMatch(/NUL/);
    expect(codecError(() => encodeMetadataValue("literal \\u0000 text"))).toMatch(/NUL/);
    expect(codecError(() => encodeMetadataValue({ big: 1n } as CustomPropertyValue))).toMatch(
      /JSON/,
    );
    expect(codecError(() => encodeCustomProperties({ ["k".repeat(256)]: "v" }))).toMatch(/255/);
  });
});

describe("decode", () => {
  test("struct: the server answers with plain JSON text, while base64 (what we send) is accepted too", () => {
    const fromServer: MetadataValue = {
      metadataType: "MetadataStructValue",
      struct_value: '{"a":1,"b":{"c":"d"}}',
    };
    const asSent: MetadataValue = {
      metadataType: "MetadataStructValue",
      struct_value: b64('{"a":1,"b":{"c":"d"}}'),
    };
    expect(decodeMetadataValue(fromServer)).toEqual({ a: 1, b: { c: "d" } });
    expect(decodeMetadataValue(asSent)).toEqual({ a: 1, b: { c: "d" } });
    expect(encodeMetadataValue({ a: 1, b: { c: "d" } })).toEqual(asSent);
  });

  test("struct values that are not JSON objects are rejected", () => {
    for (const struct_value of ["[1,2]", b64("[1,2]"), "not json!", b64("{oops")]) {
      expect(
        codecError(() =>
          decodeMetadataValue({ metadataType: "MetadataStructValue", struct_value }),
        ),
      ).toMatch(/struct_value/);
    }
  });

  test("proto values are rejected with a clear error", () => {
    const proto: MetadataValue = {
      metadataType: "MetadataProtoValue",
      type: "t",
      proto_value: "AA==",
    };
    expect(codecError(() => decodeCustomProperties({ p: proto }))).toMatch(
      /"p".*MetadataProtoValue is not supported/,
    );
  });

  test("unknown metadata types and malformed ints are rejected", () => {
    const unknown = { metadataType: "MetadataFooValue" } as unknown as MetadataValue;
    expect(codecError(() => decodeMetadataValue(unknown))).toMatch(/unknown metadataType/);
    expect(
      codecError(() => decodeMetadataValue({ metadataType: "MetadataIntValue", int_value: "1.5" })),
    ).toMatch(/decimal integer/);
  });

  test("missing value fields take the server's zero values; absent map is {}", () => {
    const partial = {
      s: { metadataType: "MetadataStringValue" },
      d: { metadataType: "MetadataDoubleValue" },
      b: { metadataType: "MetadataBoolValue" },
    } as unknown as Record<string, MetadataValue>;
    expect(decodeCustomProperties(partial)).toEqual({ s: "", d: 0, b: false });
    expect(decodeCustomProperties(undefined)).toEqual({});
  });

  test('a key named "__proto__" is an ordinary key both ways', () => {
    const wire = encodeCustomProperties(JSON.parse('{"__proto__":"x"}'));
    expect(Object.keys(wire)).toEqual(["__proto__"]);
    expect(Object.keys(decodeCustomProperties(wire))).toEqual(["__proto__"]);
  });

  test("preserveNumberTypes keeps integral doubles as doubles", () => {
    const wire = encodeCustomProperties({ d: double(3), i: int(3) });
    const typed = decodeCustomProperties(wire, { preserveNumberTypes: true });
    expect(typed["d"]).toBeInstanceOf(DoubleValue);
    expect(typed["i"]).toBeInstanceOf(IntValue);
    expect(encodeCustomProperties(typed)).toEqual(wire);
    expect(decodeCustomProperties(wire)).toEqual({ d: 3, i: 3 });
  });
});

/** What the server answers for an encoded value: structs come back as JSON text. */
function asServerReturns(value: MetadataValue): MetadataValue {
  return value.metadataType === "MetadataStructValue"
    ? { ...value, struct_value: Buffer.from(value.struct_value, "base64").toString("utf8") }
    : value;
}

const json = fc.jsonValue().map((v) => JSON.parse(JSON.stringify(v)) as unknown);
const safeString = fc.string().filter((s) => !s.includes("\u0000") && !s.includes("\\u0000"));
const structs = fc
  .dictionary(safeString, json)
  .filter((o) => !JSON.stringify(o).includes("\\u0000"));
const values: fc.Arbitrary<CustomPropertyValue> = fc.oneof(
  safeString,
  fc.boolean(),
  fc.integer({ min: INT32_MIN, max: INT32_MAX }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
  structs,
);

test("property: decode(server(encode(values))) equals values", () => {
  fc.assert(
    fc.property(
      fc.dictionary(
        safeString.filter((k) => k.length <= 255),
        values,
      ),
      (input) => {
        const wire = encodeCustomProperties(input);
        const returned = Object.fromEntries(
          Object.entries(wire).map(([k, v]) => [k, asServerReturns(v)]),
        );
        expect(decodeCustomProperties(returned)).toEqual(input);
        expect(decodeCustomProperties(wire)).toEqual(input);
      },
    ),
    { numRuns: 500, seed: 20_240_601 },
  );
});
