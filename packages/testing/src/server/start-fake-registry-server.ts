import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { FakeRequest, FakeResult } from "../core/dispatcher.js";
import {
  createFakeRegistry,
  DISPATCH,
  type FakeRegistryInternal,
} from "../create-fake-registry.js";
import type { FakeRegistry, FakeRegistryOptions } from "../types.js";

/** Options of {@link startFakeRegistryServer}. @public */
export interface FakeRegistryServerOptions extends FakeRegistryOptions {
  /** Interface to bind. @defaultValue "127.0.0.1" */
  readonly host?: string;
  /** Port; 0 picks a free one. @defaultValue 0 */
  readonly port?: number;
}

/** A running fake registry server. @public */
export interface FakeRegistryServer {
  /** The origin, e.g. `http://127.0.0.1:43121` (append the API prefix yourself or let the client do it). */
  readonly url: string;
  readonly registry: FakeRegistry;
  /** Stops accepting, drops open connections and flushes the state file. */
  close(): Promise<void>;
}

/**
 * Reads a request body, holding at most `maxBytes`: past that it stops collecting and resolves
 * undefined (the rest is not kept; the connection is closed after the answer).
 */
function readBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        request.off("data", onData);
        request.off("end", onEnd);
        request.pause();
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks, total).toString("utf8"));
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", reject);
  });
}

function toFakeRequest(request: IncomingMessage, origin: string, body: string | null): FakeRequest {
  const target = request.url ?? "/";
  const queryAt = target.indexOf("?");
  return {
    method: (request.method ?? "GET").toUpperCase(),
    url: `${origin}${target}`,
    pathname: queryAt < 0 ? target : target.slice(0, queryAt),
    search: queryAt < 0 ? "" : target.slice(queryAt),
    header(name) {
      const value = request.headers[name];
      return Array.isArray(value) ? value[0] : value;
    },
    body,
  };
}

function send(result: FakeResult, request: IncomingMessage, response: ServerResponse): void {
  if (result.kind === "response") {
    // Answered before the whole body arrived (401, 413): close instead of draining the rest.
    const headers = request.complete ? result.headers : { ...result.headers, connection: "close" };
    response.writeHead(result.status, headers);
    response.end(result.body);
    return;
  }
  if (result.kind === "reset") {
    request.socket.destroy();
    return;
  }
  const timer = setTimeout(() => request.socket.destroy(), result.ms);
  request.socket.once("close", () => clearTimeout(timer));
}

/**
 * Serves a fake registry over HTTP on a real port (node:http calling the same dispatcher as the
 * MSW handlers, without building fetch objects per request).
 * @public
 */
export async function startFakeRegistryServer(
  options: FakeRegistryServerOptions = {},
): Promise<FakeRegistryServer> {
  const { host = "127.0.0.1", port = 0, ...registryOptions } = options;
  const registry = createFakeRegistry(registryOptions) as FakeRegistryInternal;
  const dispatch = registry[DISPATCH];
  const { gate } = dispatch;
  const sockets = new Set<Socket>();
  let origin = "";

  const server = createServer((request, response) => {
    const method = (request.method ?? "GET").toUpperCase();
    const answer = (compute: () => FakeResult | Promise<FakeResult> | undefined) => {
      let result: FakeResult | Promise<FakeResult> | undefined;
      try {
        result = compute();
      } catch (error) {
        // Only an `onResponse` hook can throw here; answer instead of crashing the process.
        response.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        response.end(`onResponse failed: ${(error as Error).message}\n`);
        return true;
      }
      if (result === undefined) return false;
      if (result instanceof Promise) {
        result.then(
          (r) => send(r, request, response),
          () => request.socket.destroy(),
        );
      } else {
        send(result, request, response);
      }
      return true;
    };
    if (!gate.hasBody(method)) {
      request.resume();
      answer(() => dispatch(toFakeRequest(request, origin, null)));
      return;
    }
    // The token and the declared size are checked before any of the body is read.
    const head = toFakeRequest(request, origin, null);
    if (answer(() => gate.refuseBeforeBody(head))) return;
    readBody(request, gate.maxRequestBodyBytes).then(
      (text) =>
        answer(() =>
          text === undefined
            ? gate.tooLarge(head)
            : dispatch(toFakeRequest(request, origin, text === "" ? null : text)),
        ),
      () => request.socket.destroy(),
    );
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostPart = address.family === "IPv6" ? `[${address.address}]` : address.address;
  origin = `http://${hostPart}:${address.port}`;

  return {
    url: origin,
    registry,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      await registry.close();
    },
  };
}
