import { describe, expect, it } from "vitest";
import { createExperiment } from "../support/builders.js";
import { type Target, unique } from "../support/target.js";

/** §1: routing, content type, the validation middleware, query parsing. */
export function transportSuite(t: Target): void {
  describe("§1 transport and routing", () => {
    it("an unknown path (or a trailing slash) is a text/plain 404", async () => {
      for (const path of ["/nothing", "/experiments/", "/experiments/1/nothing"]) {
        const response = await t.request("GET", path);
        expect(response.status).toBe(404);
        expect(response.contentType).toMatch(/^text\/plain/);
        expect(response.text).toBe("404 page not found\n");
      }
    });

    it("a known path with the wrong method is a 405", async () => {
      expect((await t.request("DELETE", "/experiments/1")).status).toBe(405);
      expect((await t.request("PUT", "/experiments", { body: {} })).status).toBe(405);
      expect((await t.request("POST", "/experiment")).status).toBe(405);
    });

    it("JSON is written like Go's encoder: charset=UTF-8, <>& escaped, trailing newline", async () => {
      const created = await t.request("POST", "/experiments", {
        body: { name: unique("esc"), description: "<a & b>" },
      });
      expect(created.contentType).toBe("application/json; charset=UTF-8");
      expect(created.text).toContain('"description":"\\u003ca \\u0026 b\\u003e"');
      expect(created.text.endsWith("}\n")).toBe(true);
      expect(created.json.description).toBe("<a & b>");
    });

    it("NUL bytes in a query value or the body are rejected before routing", async () => {
      const query = await t.request("GET", "/experiments?filterQuery=%00");
      expect(query.json).toEqual({
        code: "Bad Request",
        message:
          "Invalid filterQuery query parameter: invalid filterQuery parameter: contains null bytes which are not allowed",
      });
      const body = await t.request("POST", "/experiments", { rawBody: '{"name":"a\\u0000b"}' });
      expect(body.json.message).toBe("Request body contains null bytes which are not allowed");
    });

    it("a malformed query string is a 400; a repeated parameter takes its first value", async () => {
      expect((await t.request("GET", "/experiments?pageSize=%zz")).status).toBe(400);
      const experiment = await createExperiment(t);
      const first = await t.request("GET", `/experiment?name=${experiment.name}&name=other`);
      expect(first.json?.id).toBe(experiment.id);
    });

    it("CORS: preflights for GET/POST pass, PATCH is not allowed; responses expose Link", async () => {
      const origin = "http://app.example";
      const preflight = (method: string, headers = "content-type") =>
        t.request("OPTIONS", "/experiments", {
          headers: {
            origin,
            "access-control-request-method": method,
            "access-control-request-headers": headers,
          },
        });
      const post = await preflight("POST");
      expect(post.status).toBe(200);
      expect(post.headers.get("access-control-allow-origin")).toBe(origin);
      expect(post.headers.get("access-control-max-age")).toBe("300");
      const patch = await preflight("PATCH");
      expect(patch.status).toBe(200);
      expect(patch.headers.get("access-control-allow-origin")).toBeNull();
      expect(
        (await preflight("GET", "x-custom")).headers.get("access-control-allow-origin"),
      ).toBeNull();
      const actual = await t.request("GET", "/experiments?pageSize=1", { headers: { origin } });
      expect(actual.headers.get("access-control-allow-origin")).toBe(origin);
      expect(actual.headers.get("access-control-expose-headers")).toBe("Link");
    });

    it("body keys match field names case-insensitively, as Go's decoder does", async () => {
      const name = unique("Folded");
      const created = await t.request("POST", "/experiments", { body: { NAME: name, Owner: "o" } });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ name, owner: "o" });
      const patched = await t.request("PATCH", `/experiments/${created.json.id}`, {
        body: { State: "ARCHIVED" },
      });
      expect(patched.json.state).toBe("ARCHIVED");
      const proto = await t.request("POST", "/experiments", {
        body: { name: unique("p"), constructor: 1 },
      });
      expect(proto.status).toBe(400);
    });

    it("malformed JSON and non-object bodies are 400 with the decoder's message", async () => {
      const malformed = await t.request("POST", "/experiments", { rawBody: "{nope" });
      expect(malformed.status).toBe(400);
      expect(malformed.json.message).toMatch(/^invalid character/);
      const array = await t.request("POST", "/experiments", { rawBody: "[]" });
      expect(array.json.message).toBe(
        "json: cannot unmarshal array into Go value of type openapi.ExperimentCreate",
      );
    });
  });
}
