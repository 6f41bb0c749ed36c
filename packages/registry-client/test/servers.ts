import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

export const FIXTURES = fileURLToPath(new URL("./fixtures/tls/", import.meta.url));

export interface TestServer {
  readonly url: string;
  /** Requests received so far (method, url, headers). */
  readonly requests: http.IncomingMessage[];
  close(): Promise<void>;
}

/** Starts a node:http (or node:https with the test certificate) server on 127.0.0.1. */
export async function startServer(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, index: number) => void,
  options: { tls?: boolean } = {},
): Promise<TestServer> {
  const requests: http.IncomingMessage[] = [];
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    requests.push(req);
    handler(req, res, requests.length - 1);
  };
  const server = options.tls
    ? https.createServer(
        {
          key: readFileSync(`${FIXTURES}server.key`),
          cert: readFileSync(`${FIXTURES}server.crt`),
        },
        listener,
      )
    : http.createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port that was free a moment ago: connecting to it is refused. */
export async function closedPortUrl(): Promise<string> {
  const server = await startServer(() => {});
  await server.close();
  return server.url;
}

export function sendJson(res: http.ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  res.end(`${JSON.stringify(body)}\n`);
}
