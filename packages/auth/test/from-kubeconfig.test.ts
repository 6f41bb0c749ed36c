import { mkdir, writeFile } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { describe, expect, it } from "vitest";
import { fromKubeconfig, TokenProviderError } from "../src/index.js";
import { jwt, tempDir } from "./helpers.js";

const TOKEN_CONFIG = `apiVersion: v1
kind: Config
clusters:
- name: dev-cluster
  cluster:
    server: https://api.dev.example:6443
contexts:
- name: dev
  context:
    cluster: dev-cluster
    user: dev-user
    namespace: ml
- name: prod
  context:
    cluster: dev-cluster
    user: prod-user
current-context: dev
users:
- name: dev-user
  user:
    token: sha256~dev-token
- name: prod-user
  user:
    token: sha256~prod-token
`;

async function write(dir: string, name: string, content: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

describe("fromKubeconfig", () => {
  it("returns the token of the current context, as left by oc login", async () => {
    const dir = await tempDir();
    const path = await write(dir, "config", TOKEN_CONFIG);
    expect(await fromKubeconfig({ path })()).toEqual({ token: "sha256~dev-token" });
  });

  it("uses another context when asked", async () => {
    const dir = await tempDir();
    const path = await write(dir, "config", TOKEN_CONFIG);
    expect((await fromKubeconfig({ path, context: "prod" })()).token).toBe("sha256~prod-token");
  });

  it("reads ~/.kube/config when KUBECONFIG is unset", async () => {
    const home = await tempDir();
    await mkdir(join(home, ".kube"));
    await write(home, ".kube/config", TOKEN_CONFIG);
    const provider = fromKubeconfig({ env: {}, homedir: () => home });
    expect((await provider()).token).toBe("sha256~dev-token");
  });

  it("reads a tokenFile relative to the kubeconfig and keeps a JWT's expiry", async () => {
    const dir = await tempDir();
    const token = jwt({ exp: 2_000_000_000 });
    await write(dir, "user.token", `${token}\n`);
    const path = await write(
      dir,
      "config",
      `current-context: c
contexts: [{ name: c, context: { cluster: x, user: u } }]
users: [{ name: u, user: { tokenFile: user.token } }]
`,
    );
    const result = await fromKubeconfig({ path })();
    expect(result.token).toBe(token);
    expect(result.expiresAt?.getTime()).toBe(2_000_000_000_000);
  });

  it("merges a KUBECONFIG list: first current-context, first context and user of a name win", async () => {
    const dir = await tempDir();
    const a = await write(
      dir,
      "a.yaml",
      `contexts: [{ name: shared, context: { user: from-a } }]
users: [{ name: from-a, user: { token: token-a } }, { name: from-b, user: { token: shadowed } }]
`,
    );
    const b = await write(
      dir,
      "b.yaml",
      `current-context: shared
contexts: [{ name: shared, context: { user: from-b } }, { name: only-b, context: { user: from-b } }]
users: [{ name: from-b, user: { token: token-b } }]
`,
    );
    const c = await write(dir, "c.yaml", "current-context: ignored\n");
    const missing = join(dir, "missing.yaml");
    const env = { KUBECONFIG: [missing, a, "", b, c].join(delimiter) };
    expect((await fromKubeconfig({ env })()).token).toBe("token-a");
    expect((await fromKubeconfig({ env, context: "only-b" })()).token).toBe("shadowed");
  });

  it("says 'try the next provider' when no kubeconfig file exists", async () => {
    const dir = await tempDir();
    const env = { KUBECONFIG: join(dir, "nope") };
    await expect(fromKubeconfig({ env })()).rejects.toMatchObject({ tryNextProvider: true });
    await expect(fromKubeconfig({ path: join(dir, "nope") })()).rejects.toMatchObject({
      tryNextProvider: true,
    });
    const home = await tempDir();
    await expect(fromKubeconfig({ env: {}, homedir: () => home })()).rejects.toMatchObject({
      tryNextProvider: true,
      code: "NOT_CONFIGURED",
    });
  });

  it("says 'try the next provider' without a current context", async () => {
    const dir = await tempDir();
    const path = await write(dir, "config", TOKEN_CONFIG.replace("current-context: dev\n", ""));
    await expect(fromKubeconfig({ path })()).rejects.toMatchObject({ tryNextProvider: true });
  });

  it("reports an exec user as not supported yet, stopping the chain", async () => {
    const dir = await tempDir();
    const path = await write(
      dir,
      "config",
      `current-context: eks
contexts: [{ name: eks, context: { cluster: x, user: aws } }]
users:
- name: aws
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: aws
      args: [eks, get-token, --cluster-name, secret-cluster]
`,
    );
    const error = await fromKubeconfig({ path })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenProviderError);
    expect(error).toMatchObject({ code: "NOT_SUPPORTED", tryNextProvider: false });
    expect((error as Error).message).toMatch(/exec plugin, which is not supported yet/);
    expect((error as Error).message).not.toContain("secret-cluster");
  });

  it("reports an OIDC auth-provider user as not supported yet", async () => {
    const dir = await tempDir();
    const path = await write(
      dir,
      "config",
      `current-context: c
contexts: [{ name: c, context: { user: o } }]
users:
- name: o
  user:
    auth-provider:
      name: oidc
      config: { id-token: eyJhbGciOi.secret-id-token.sig, refresh-token: very-secret-refresh }
`,
    );
    const error = (await fromKubeconfig({ path })().catch((e: unknown) => e)) as TokenProviderError;
    expect(error.code).toBe("NOT_SUPPORTED");
    expect(error.message).toMatch(/OIDC auth-provider, which is not supported yet/);
    expect(error.message).not.toMatch(/secret/);
  });

  it("rejects a context that does not exist and a user without credentials differently", async () => {
    const dir = await tempDir();
    const path = await write(dir, "config", TOKEN_CONFIG);
    await expect(fromKubeconfig({ path, context: "staging" })()).rejects.toMatchObject({
      code: "INVALID_CONFIG",
      tryNextProvider: false,
    });
    const certs = await write(
      dir,
      "certs",
      `current-context: c
contexts: [{ name: c, context: { user: admin } }]
users: [{ name: admin, user: { client-certificate-data: AAAA, client-key-data: BBBB } }]
`,
    );
    await expect(fromKubeconfig({ path: certs })()).rejects.toMatchObject({
      tryNextProvider: true,
    });
  });

  it("fails on a missing or empty tokenFile", async () => {
    const dir = await tempDir();
    const config = (file: string) => `current-context: c
contexts: [{ name: c, context: { user: u } }]
users: [{ name: u, user: { tokenFile: ${file} } }]
`;
    const missing = await write(dir, "missing", config(join(dir, "absent")));
    await expect(fromKubeconfig({ path: missing })()).rejects.toMatchObject({
      tryNextProvider: false,
    });
    await write(dir, "empty.token", "\n");
    const empty = await write(dir, "empty", config("empty.token"));
    await expect(fromKubeconfig({ path: empty })()).rejects.toMatchObject({ code: "EMPTY_TOKEN" });
  });

  it("does not quote the file when the YAML is broken", async () => {
    const dir = await tempDir();
    const path = await write(
      dir,
      "config",
      "users:\n- name: u\n  user:\n    token: leaked-token-value\n   bad: [unclosed\n",
    );
    const error = (await fromKubeconfig({ path })().catch((e: unknown) => e)) as TokenProviderError;
    expect(error.code).toBe("INVALID_CONFIG");
    expect(error.message).toMatch(/is not valid YAML/);
    expect(`${String(error)} ${JSON.stringify(error)} ${String(error.cause)}`).not.toContain(
      "leaked-token-value",
    );
  });
});
