/**
 * The registry server's filter grammar, node for node (the shape of each production decides the
 * wording of its parse errors):
 *
 * ```
 * WhereClause  = Expression .
 * Expression   = OrExpression .
 * OrExpression = AndExpression ("OR" AndExpression)* .
 * AndExpression = Term ("AND" Term)* .
 * Term         = "(" Expression ")" | Comparison .
 * Comparison   = PropertyRef ("=" | "!=" | "<>" | ">=" | "<=" | ">" | "<" | "LIKE" | "ILIKE" | "IN") Value .
 * PropertyRef  = <escapedident> | <ident> ("." <ident>)* ("." ("string_value" | "double_value" | "int_value" | "bool_value"))? .
 * Value        = <string> | <int> | <float> | ("true" | "false" | "TRUE" | "FALSE") | ValueList .
 * ValueList    = "(" (SingleValue ("," SingleValue)*)? ")" .
 * SingleValue  = <string> | <int> | <float> | ("true" | "false" | "TRUE" | "FALSE") .
 * ```
 *
 * @internal
 */
import { CaptureNode } from "./grammar-engine/capture-node.js";
import { DisjunctionNode } from "./grammar-engine/disjunction-node.js";
import type { GrammarNode } from "./grammar-engine/grammar-node.js";
import { GroupNode } from "./grammar-engine/group-node.js";
import { LiteralNode } from "./grammar-engine/literal-node.js";
import { ReferenceNode } from "./grammar-engine/reference-node.js";
import { SequenceNode } from "./grammar-engine/sequence-node.js";
import { StructNode } from "./grammar-engine/struct-node.js";

function literals(...texts: string[]): GroupNode {
  return new GroupNode(new DisjunctionNode(texts.map((text) => new LiteralNode(text))), "once");
}

function repeated(...nodes: GrammarNode[]): GroupNode {
  return new GroupNode(new GroupNode(SequenceNode.of(...nodes), "once"), "*");
}

function optional(...nodes: GrammarNode[]): GroupNode {
  return new GroupNode(new GroupNode(SequenceNode.of(...nodes), "once"), "?");
}

function scalarAlternatives(): GrammarNode[] {
  return [
    new CaptureNode("String", "string", new ReferenceNode("String")),
    new CaptureNode("Integer", "int", new ReferenceNode("Int")),
    new CaptureNode("Float", "float", new ReferenceNode("Float")),
    new CaptureNode("Boolean", "string", literals("true", "false", "TRUE", "FALSE")),
  ];
}

function buildGrammar(): StructNode {
  const whereClause = new StructNode("WhereClause");
  const expression = new StructNode("Expression");
  const orExpression = new StructNode("OrExpression");
  const andExpression = new StructNode("AndExpression");
  const term = new StructNode("Term");
  const comparison = new StructNode("Comparison");
  const propertyRef = new StructNode("PropertyRef");
  const value = new StructNode("Value");
  const valueList = new StructNode("ValueList");
  const singleValue = new StructNode("SingleValue");

  whereClause.expr = new CaptureNode("Expression", "struct", expression);
  expression.expr = new CaptureNode("Or", "struct", orExpression);
  orExpression.expr = SequenceNode.of(
    new CaptureNode("Left", "struct", andExpression),
    repeated(new LiteralNode("OR"), new CaptureNode("Right", "structs", andExpression)),
  );
  andExpression.expr = SequenceNode.of(
    new CaptureNode("Left", "struct", term),
    repeated(new LiteralNode("AND"), new CaptureNode("Right", "structs", term)),
  );
  term.expr = new DisjunctionNode([
    SequenceNode.of(
      new LiteralNode("("),
      new CaptureNode("Group", "struct", expression),
      new LiteralNode(")"),
    ),
    new CaptureNode("Comparison", "struct", comparison),
  ]);
  comparison.expr = SequenceNode.of(
    new CaptureNode("Left", "struct", propertyRef),
    new CaptureNode(
      "Operator",
      "string",
      literals("=", "!=", "<>", ">=", "<=", ">", "<", "LIKE", "ILIKE", "IN"),
    ),
    new CaptureNode("Right", "struct", value),
  );
  propertyRef.expr = new DisjunctionNode([
    new CaptureNode("EscapedName", "string", new ReferenceNode("EscapedIdent")),
    SequenceNode.of(
      new CaptureNode("Name", "string", new ReferenceNode("Ident")),
      repeated(
        new LiteralNode("."),
        new CaptureNode("Path", "strings", new ReferenceNode("Ident")),
      ),
      optional(
        new LiteralNode("."),
        new CaptureNode(
          "Type",
          "string",
          literals("string_value", "double_value", "int_value", "bool_value"),
        ),
      ),
    ),
  ]);
  value.expr = new DisjunctionNode([
    ...scalarAlternatives(),
    new CaptureNode("ValueList", "struct", valueList),
  ]);
  valueList.expr = SequenceNode.of(
    new LiteralNode("("),
    optional(
      new CaptureNode("Values", "structs", singleValue),
      repeated(new LiteralNode(","), new CaptureNode("Values", "structs", singleValue)),
    ),
    new LiteralNode(")"),
  );
  singleValue.expr = new DisjunctionNode(scalarAlternatives());
  return whereClause;
}

/** The root production of the filter grammar. @internal */
export const FILTER_GRAMMAR: StructNode = buildGrammar();
