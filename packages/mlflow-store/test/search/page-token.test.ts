import { describe, expect, it } from "vitest";
import { decodePageToken, encodePageToken, searchFingerprint } from "../../src/search/index.js";
import { expectInvalid } from "../support/expect-mlflow-error.js";

const args = {
  op: "searchRuns",
  experimentIds: ["1", "2"],
  filterString: "metrics.a > 1",
  orderBy: ["metrics.a"],
  runViewType: "ACTIVE_ONLY",
};

describe("page tokens", () => {
  it("round-trips offset and cursor for the same arguments", () => {
    const fingerprint = searchFingerprint(args);
    const token = encodePageToken({ fingerprint, offset: 100, cursor: "Nzo3" });
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageToken(token, fingerprint)).toEqual({ offset: 100, cursor: "Nzo3" });
    expect(decodePageToken(encodePageToken({ fingerprint, offset: 0 }), fingerprint)).toEqual({
      offset: 0,
    });
  });

  it("treats a missing token as the first page", () => {
    expect(decodePageToken(undefined, "x")).toBeUndefined();
    expect(decodePageToken(null, "x")).toBeUndefined();
    expect(decodePageToken("", "x")).toBeUndefined();
  });

  it("fingerprints ignore key order and undefined members but see every argument", () => {
    const same = {
      runViewType: "ACTIVE_ONLY",
      orderBy: ["metrics.a"],
      filterString: "metrics.a > 1",
      experimentIds: ["1", "2"],
      op: "searchRuns",
      pageToken: undefined,
    };
    expect(searchFingerprint(same)).toBe(searchFingerprint(args));
    for (const change of [
      { experimentIds: ["2", "1"] },
      { filterString: "metrics.a > 2" },
      { orderBy: [] },
      { runViewType: "ALL" },
    ]) {
      expect(searchFingerprint({ ...args, ...change })).not.toBe(searchFingerprint(args));
    }
  });

  it("rejects a token reused with other arguments", () => {
    const token = encodePageToken({ fingerprint: searchFingerprint(args), offset: 5 });
    expectInvalid(
      () => decodePageToken(token, searchFingerprint({ ...args, filterString: "" })),
      "Invalid page token: it was issued for a search with different arguments",
    );
  });

  it.each([
    ["not base64!", "Invalid page token, could not base64-decode"],
    ["a", "Invalid page token, could not base64-decode"],
    [btoa("not json").replace(/=+$/, ""), "Invalid page token, decoded value=not json"],
    [btoa('{"offset": 3}').replace(/=+$/, ""), "Invalid page token, parsed value="],
    [btoa('{"v":1,"f":"x","o":-1}').replace(/=+$/, ""), "Invalid page token, parsed value="],
    [btoa('{"v":1,"f":"x","o":1.5}').replace(/=+$/, ""), "Invalid page token, parsed value="],
  ])("rejects %s", (token, message) => {
    expectInvalid(() => decodePageToken(token, "x"), message);
  });
});
