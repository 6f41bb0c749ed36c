import type { RouteDefinition } from "./route-kit.js";

interface Node {
  readonly statics: Map<string, Node>;
  param: { readonly name: string; readonly node: Node } | undefined;
  readonly methods: Map<string, RouteDefinition>;
}

function newNode(): Node {
  return { statics: new Map(), param: undefined, methods: new Map() };
}

/** A matched path: the handlers by method and the decoded path parameters. @internal */
export interface PathMatch {
  readonly methods: ReadonlyMap<string, RouteDefinition>;
  readonly params: Record<string, string>;
}

function decodeSegment(segment: string): string {
  if (!segment.includes("%")) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The precompiled route table: a segment trie where static segments win over parameters (as in
 * chi), with backtracking; an empty segment never matches a parameter.
 * @internal
 */
export class RouteTable {
  private readonly root = newNode();

  constructor(routes: readonly RouteDefinition[]) {
    for (const definition of routes) this.add(definition);
  }

  private add(definition: RouteDefinition): void {
    let node = this.root;
    for (const segment of definition.template.split("/").slice(1)) {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (param?.[1] !== undefined) {
        node.param ??= { name: param[1], node: newNode() };
        if (node.param.name !== param[1])
          throw new Error(`conflicting parameter in ${definition.template}`);
        node = node.param.node;
      } else {
        let next = node.statics.get(segment);
        if (!next) {
          next = newNode();
          node.statics.set(segment, next);
        }
        node = next;
      }
    }
    node.methods.set(definition.method, definition);
  }

  /** Matches a path (without query); undefined when no route has this path. */
  match(pathname: string): PathMatch | undefined {
    const segments = pathname.split("/");
    if (segments[0] !== "") return undefined;
    const params: Record<string, string> = {};
    const node = this.walk(this.root, segments, 1, params);
    return node ? { methods: node.methods, params } : undefined;
  }

  private walk(
    node: Node,
    segments: readonly string[],
    index: number,
    params: Record<string, string>,
  ): Node | undefined {
    if (index === segments.length) return node.methods.size > 0 ? node : undefined;
    const raw = segments[index] as string;
    const segment = decodeSegment(raw);
    const next = node.statics.get(segment);
    if (next) {
      const found = this.walk(next, segments, index + 1, params);
      if (found) return found;
    }
    if (node.param && segment !== "") {
      const found = this.walk(node.param.node, segments, index + 1, params);
      if (found) {
        params[node.param.name] = segment;
        return found;
      }
    }
    return undefined;
  }
}
