import { describe, expect, it } from "vitest";
import { parseRunsFilter } from "../../src/search/index.js";
import { expectInvalid } from "../support/expect-mlflow-error.js";

const c = (type: string, key: string, comparator: string, value: unknown) => ({
  type,
  key,
  comparator,
  value,
});

describe("parseRunsFilter: valid filters (mlflow-semantics §4.2)", () => {
  it.each([
    ["metric.acc >= 0.94", [c("metric", "acc", ">=", "0.94")]],
    ["metric.acc>=100", [c("metric", "acc", ">=", "100")]],
    ["metrics.acc > -1", [c("metric", "acc", ">", "-1")]],
    ["metrics.acc > 1e-3", [c("metric", "acc", ">", "1e-3")]],
    ["metrics.acc < 1.5E10", [c("metric", "acc", "<", "1.5E10")]],
    ["metrics.XYZ = 3", [c("metric", "XYZ", "=", "3")]],
    ['metrics."X-Y-Z" = 3', [c("metric", "X-Y-Z", "=", "3")]],
    ['metrics."X//Y#$$@&Z" = 3', [c("metric", "X//Y#$$@&Z", "=", "3")]],
    ['metric."legit name" >= 0.243', [c("metric", "legit name", ">=", "0.243")]],
    ["metrics.`spacey name` > 5", [c("metric", "spacey name", ">", "5")]],
    ['metrics."accuracy.2.0" > 5', [c("metric", "accuracy.2.0", ">", "5")]],
    ["`metric`.a >= 0.1", [c("metric", "a", ">=", "0.1")]],
    ["params.m!='tf'", [c("parameter", "m", "!=", "tf")]],
    ['params."m"!="tf"', [c("parameter", "m", "!=", "tf")]],
    [`params.m = "L'Hosp"`, [c("parameter", "m", "=", "L'Hosp")]],
    ['params."cat dog" = "pets"', [c("parameter", "cat dog", "=", "pets")]],
    ["param.lr = '0.01'", [c("parameter", "lr", "=", "0.01")]],
    ["parameter.lr = '0.01'", [c("parameter", "lr", "=", "0.01")]],
    ["parameters.lr = '0.01'", [c("parameter", "lr", "=", "0.01")]],
    ["`params`.model >= 'LR'", [c("parameter", "model", ">=", "LR")]],
    ['params."p.a.r.a.m" != "a"', [c("parameter", "p.a.r.a.m", "!=", "a")]],
    ["tags.version = 'commit-hash'", [c("tag", "version", "=", "commit-hash")]],
    ["`tags`.source_name = 'a notebook'", [c("tag", "source_name", "=", "a notebook")]],
    ['tags."t.a.g" = "a"', [c("tag", "t.a.g", "=", "a")]],
    ["tags.`mlflow.runName` = 'x'", [c("tag", "mlflow.runName", "=", "x")]],
    ["tags.mlflow.runName = 'x'", [c("tag", "mlflow.runName", "=", "x")]],
    ["tag.version LIKE 'v%'", [c("tag", "version", "LIKE", "v%")]],
    ["tags.version ILIKE 'V%'", [c("tag", "version", "ILIKE", "V%")]],
    ["tags.version like 'v%'", [c("tag", "version", "LIKE", "v%")]],
    ["tags.version IS NULL", [c("tag", "version", "IS NULL", null)]],
    ["tags.a is null", [c("tag", "a", "IS NULL", null)]],
    ["params.lr IS NOT NULL", [c("parameter", "lr", "IS NOT NULL", null)]],
    [
      "tags.a IS NULL AND params.b = 'val'",
      [c("tag", "a", "IS NULL", null), c("parameter", "b", "=", "val")],
    ],
    ["attribute.artifact_uri = '1/23/4'", [c("attribute", "artifact_uri", "=", "1/23/4")]],
    ["attribute.start_time >= 1234", [c("attribute", "start_time", ">=", "1234")]],
    ["run.status = 'RUNNING'", [c("attribute", "status", "=", "RUNNING")]],
    ["attr.user_id = 'u'", [c("attribute", "user_id", "=", "u")]],
    ["status = 'RUNNING'", [c("attribute", "status", "=", "RUNNING")]],
    ["run_name = 'r'", [c("attribute", "run_name", "=", "r")]],
    ["run_id = 'abc'", [c("attribute", "run_id", "=", "abc")]],
    ["attributes.`Run name` = 'x'", [c("attribute", "Run name", "=", "x")]],
    ["attributes.created > 1", [c("attribute", "created", ">", "1")]],
    ["attributes.Created > 2", [c("attribute", "Created", ">", "2")]],
    ["attributes.run_id IN ('abc','def')", [c("attribute", "run_id", "IN", ["abc", "def"])]],
    ["attributes.run_id in ('abc', 'def',)", [c("attribute", "run_id", "IN", ["abc", "def"])]],
    ["attributes.run_id NOT IN ('abc')", [c("attribute", "run_id", "NOT IN", ["abc"])]],
    ["attributes.run_id IN ('ABC','def')", [c("attribute", "run_id", "IN", ["def"])]],
    ["run_id IN ('12', '13')", [c("attribute", "run_id", "IN", ["12", "13"])]],
    ["dataset.name = 'my_dataset'", [c("dataset", "name", "=", "my_dataset")]],
    ["datasets.digest IN ('a','b')", [c("dataset", "digest", "IN", ["a", "b"])]],
    ["datasets.context = 'train'", [c("dataset", "context", "=", "train")]],
    [
      "metrics.rmse < 1 and params.model_class = 'LR'",
      [c("metric", "rmse", "<", "1"), c("parameter", "model_class", "=", "LR")],
    ],
    ["", []],
  ])("%s", (filter, expected) => {
    expect(parseRunsFilter(filter)).toEqual(expected);
  });

  it("treats undefined and null as no filter", () => {
    expect(parseRunsFilter(undefined)).toEqual([]);
    expect(parseRunsFilter(null)).toEqual([]);
  });

  it("keeps doubled quotes inside string values as written, as MLflow does", () => {
    expect(parseRunsFilter("params.p = 'it''s'")).toEqual([c("parameter", "p", "=", "it''s")]);
  });
});

describe("parseRunsFilter: invalid filters (mlflow-semantics §4.3)", () => {
  it.each([
    ["metric.acc >= 0.94; metrics.rmse < 1", "Search filter contained multiple expression"],
    [
      "m.acc >= 0.94",
      "Invalid entity type 'm'. Valid values are ['metric', 'parameter', 'tag', 'attribute', 'dataset']",
    ],
    ["p.model >= 'LR'", "Invalid entity type 'p'"],
    ["attri.x != 1", "Invalid entity type 'attri'"],
    ["a.x != 1", "Invalid entity type 'a'"],
    ["acc >= 0.94", "Invalid attribute key 'acc' specified. Valid keys are"],
    ["model >= 'LR'", "Invalid attribute key 'model'"],
    ["acc != 1.0", "Invalid attribute key 'acc'"],
    ["foo is null", "Invalid attribute key 'foo'"],
    ["attribute.start != 1", "Invalid attribute key 'start'"],
    ["attribute.experiment_id != 1", "Invalid attribute key 'experiment_id'"],
    ["attribute.lifecycle_stage = 'ACTIVE'", "Invalid attribute key 'lifecycle_stage'"],
    ["attribute.name != 1", "Invalid attribute key 'name'"],
    ["attribute.time != 1", "Invalid attribute key 'time'"],
    ["attribute._status != 'RUNNING'", "Invalid attribute key '_status'"],
    ["dataset.status = 'true'", "Invalid dataset key 'status' specified. Valid keys are"],
    ["dataset.profile = 'num_rows: 10'", "Invalid dataset key 'profile' specified."],
    ["metrics.A > 0.1 OR params.B = 'LR'", "Invalid clause(s) in filter string: 'OR'"],
    ["metrics.A > 0.1 NAND params.B = 'LR'", "Invalid clause(s) in filter string"],
    [
      "metrics.A > 0.1 AND (params.B = 'LR')",
      "Invalid clause(s) in filter string: '(params.B = 'LR')'",
    ],
    ["`metrics.A > 0.1", "Invalid clause(s) in filter string"],
    ["param`.A > 0.1", "Invalid clause(s) in filter string"],
    ["`dummy.A > 0.1", "Invalid clause(s) in filter string"],
    ["dummy`.A > 0.1", "Invalid clause(s) in filter string"],
    ["attribute.status = true", "Invalid clause(s) in filter string"],
    [
      "metrics.acc IS NULL",
      "IS NULL / IS NOT NULL is only supported for tags and params, not for 'metric' 'acc'",
    ],
    ["attribute.status IS NULL", "IS NULL / IS NOT NULL is only supported for tags and params"],
    [
      "attributes.end_time IS NOT NULL",
      "IS NULL / IS NOT NULL is only supported for tags and params",
    ],
    ["datasets.name IS NULL", "IS NULL / IS NOT NULL is only supported for tags and params"],
    ["metric.model = 'LR'", "Expected numeric value type for metric. Found 'LR'"],
    ["metric.model = '5'", "Expected numeric value type for metric. Found '5'"],
    ["metrics.acc != metrics.acc", "Expected numeric value type for metric. Found metrics.acc"],
    ["metrics.acc = 0x1F", "Expected numeric value type for metric. Found 0x1F"],
    [
      "params.acc = 5",
      "Expected a quoted string value for parameter (e.g. 'my-value'). Got value 5",
    ],
    ["params.lr LIKE 5", "Expected a quoted string value for parameter"],
    ["tags.acc = 5", "Expected a quoted string value for tag"],
    ["1.0 > metrics.acc", "Invalid comparison clause. Expected 'Identifier' found '1.0'"],
    ["1=1", "Invalid comparison clause. Expected 'Identifier' found '1'"],
    ["1==2", "Invalid comparison clause. Expected 'Identifier' found '1'"],
    ["attribute.status = 1", "Expected a quoted string value for attributes. Got value 1"],
    [
      "attributes.start_time = '5'",
      "Expected numeric value type for numeric attribute: start_time. Found '5'",
    ],
    [
      "attributes.run_name IN ('a')",
      "Only the 'run_id' attribute supports comparison with a list of quoted string values.",
    ],
    ["attributes.status IN ('RUNNING')", "Only the 'run_id' attribute supports comparison"],
    [
      "params.acc = LR",
      "Parameter value is either not quoted or unidentified quote types used for string value LR. Use either single or double quotes.",
    ],
    ["tags.acc = LR", "Parameter value is either not quoted"],
    ["params.acc = `LR`", "Parameter value is either not quoted"],
    ["params.'acc = LR", "Invalid clause(s) in filter string"],
    ["params.acc = 'LR", "Invalid clause(s) in filter string"],
    ["params.acc = LR'", "Invalid clause(s) in filter string"],
    [`params.acc = "LR'`, "Invalid clause(s) in filter string"],
    [`tags.acc = "LR'`, "Invalid clause(s) in filter string"],
    ["tags.acc = = 'LR'", "Invalid clause(s) in filter string"],
    ["attribute.status IS 'RUNNING'", "Invalid clause(s) in filter string"],
    ["params.acc LR !=", "Invalid clause(s) in filter string"],
    ["params.acc LR", "Invalid clause(s) in filter string"],
    ["metric.acc !=", "Invalid clause(s) in filter string"],
    ["   ", "Invalid filter '   '. Could not be parsed."],
    ["run_id IN ()", "expected a non-empty list of string values, but got empty list"],
    [
      "run_id IN (1, 2)",
      "expected string value, punctuation, or whitespace, but got different type in list",
    ],
    ["run_id IN ('a' 'b', c)", "but got ill-formed list"],
    ["datasets.name = 5", "Expected a quoted string value for dataset attributes. Got value 5"],
    ["tags.a = NULL", "Expected a quoted string value for tag (e.g. 'my-value'). Got value NULL"],
    ["metrics.a != null", "Expected numeric value type for metric. Found null"],
  ])("%s", (filter, message) => {
    expectInvalid(() => parseRunsFilter(filter), message);
  });
});
