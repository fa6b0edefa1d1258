/**
 * Proxies as @actions/http-client honours them (its rules read from its source, node_modules/@actions/http-client/
 * lib/proxy.js), and requests that really go through one, addressed by a name that is not loopback: a counting
 * plain-HTTP proxy in front of the stand-in of the Actions cache service, and a counting CONNECT proxy tunnelling
 * to an https server with a certificate made for the test.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actionsCacheService, bufferEntryBody } from "../../src/cache/actions-cache/entry-service.js";
import { sendRequest } from "../../src/net/http-request.js";
import { bypassesProxy, noProxyForLoopback } from "../../src/net/proxy.js";
import { type ConnectProxy, makeCertificate, startConnectProxy } from "../helpers/http/tunnels.js";
import { ActionsCacheStandIn } from "../helpers/stand-ins/actions-cache-server.js";

describe("which requests bypass the proxy", () => {
  const bypass = (url: string, noProxy = "") => bypassesProxy(new URL(url), { NO_PROXY: noProxy });
  it("loopback always", () => {
    for (const url of [
      "http://localhost/",
      "http://127.0.0.1:8080/",
      "http://127.1.2.3/",
      "http://[::1]:9/",
    ]) {
      expect(bypass(url), url).toBe(true);
    }
    expect(bypass("https://example.com/")).toBe(false);
  });
  it("what NO_PROXY names: *, a host, host:port, a domain and its subdomains", () => {
    expect(bypass("https://example.com/", "*")).toBe(true);
    expect(bypass("https://example.com/", "example.com")).toBe(true);
    expect(bypass("https://cache.example.com/", "example.com")).toBe(true);
    expect(bypass("https://cache.example.com/", ".example.com")).toBe(true);
    expect(bypass("https://notexample.com/", "example.com")).toBe(false);
    expect(bypass("https://example.com/", "example.com:443")).toBe(true);
    expect(bypass("https://example.com:8443/", "example.com:443")).toBe(false);
    expect(bypass("http://example.com/", " other.org , EXAMPLE.com ")).toBe(true);
  });
});

describe("the no_proxy that keeps curl (Nix) off the proxy for 127.0.0.1", () => {
  it("is set only when curl would use a proxy for plain http, and adds loopback to what the job named", () => {
    expect(noProxyForLoopback({})).toBeUndefined();
    // curl reads only the lowercase http_proxy (and all_proxy); HTTPS_PROXY does not touch an http:// read server.
    expect(
      noProxyForLoopback({ HTTP_PROXY: "http://proxy:3128", HTTPS_PROXY: "http://proxy:3128" }),
    ).toBeUndefined();
    expect(noProxyForLoopback({ http_proxy: "http://proxy:3128" })).toBe("127.0.0.1");
    expect(
      noProxyForLoopback({ ALL_PROXY: "socks5://proxy:1080", NO_PROXY: "corp.example, .internal" }),
    ).toBe("corp.example,.internal,127.0.0.1");
    expect(noProxyForLoopback({ http_proxy: "x", no_proxy: "a", NO_PROXY: "b" })).toBe("a,127.0.0.1");
    // An empty no_proxy does not hide NO_PROXY (the toolkit's rule, which the action's later processes follow).
    expect(noProxyForLoopback({ http_proxy: "x", no_proxy: "", NO_PROXY: "minio.corp" })).toBe(
      "minio.corp,127.0.0.1",
    );
    expect(noProxyForLoopback({ http_proxy: "x", no_proxy: "127.0.0.0/8" })).toBe("127.0.0.0/8,127.0.0.1");
    expect(noProxyForLoopback({ http_proxy: "x", no_proxy: "a,127.0.0.1" })).toBeUndefined();
    expect(noProxyForLoopback({ http_proxy: "x", no_proxy: "*" })).toBeUndefined();
  });
});

describe("through a proxy", () => {
  let standIn: ActionsCacheStandIn;
  let proxyUrl: string;
  const seen: string[] = [];
  const proxy = createServer((incoming, outgoing) => {
    seen.push(`${incoming.method} ${incoming.url}`);
    // Whatever host it is asked for, the stand-in answers.
    const target = new URL(incoming.url ?? "/");
    const origin = new URL(standIn.env().ACTIONS_RESULTS_URL ?? "");
    const forwarded = httpRequest(
      {
        host: origin.hostname,
        port: origin.port,
        path: `${target.pathname}${target.search}`,
        method: incoming.method,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });

  beforeAll(async () => {
    standIn = await ActionsCacheStandIn.start();
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
    await standIn?.stop();
  });

  it("the cache service's calls go through HTTP_PROXY; loopback blob URLs and NO_PROXY hosts do not", async () => {
    const port = new URL(standIn.env().ACTIONS_RESULTS_URL ?? "").port;
    const env = { ...standIn.env(), ACTIONS_RESULTS_URL: `http://cache.test:${port}/` };
    vi.stubEnv("HTTP_PROXY", proxyUrl);
    vi.stubEnv("NO_PROXY", "");
    const service = actionsCacheService(env);
    const never = new AbortController().signal;
    expect(await service.save("through/proxy", bufferEntryBody(Buffer.from("bytes")), never)).toEqual({
      kind: "saved",
    });
    expect((await service.lookup("through/", [], never))?.key).toBe("through/proxy");
    const twirp = `http://cache.test:${port}/twirp/github.actions.results.api.v1.CacheService`;
    expect(seen).toEqual([
      `POST ${twirp}/CreateCacheEntry`,
      `POST ${twirp}/FinalizeCacheEntryUpload`,
      `POST ${twirp}/GetCacheEntryDownloadURL`,
    ]);
    seen.length = 0;
    vi.stubEnv("NO_PROXY", "cache.test");
    await expect(service.lookup("through/", [], never)).rejects.toThrow(/cache\.test|ENOTFOUND|EAI_AGAIN/);
    expect(seen).toEqual([]);
  });
});

describe("through a CONNECT proxy, to an https server", () => {
  it("the request is tunnelled (CONNECT host:port) and TLS is checked end to end; NO_PROXY goes direct", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "nbca-tls-"));
    let target: ReturnType<typeof createHttpsServer> | undefined;
    let connectProxy: ConnectProxy | undefined;
    const defaults = tls.getCACertificates("default");
    try {
      // A certificate for a name that is not loopback, so that the request goes through the proxy.
      const { key, cert } = makeCertificate(dir, "cache.test");
      target = createHttpsServer({ key, cert }, (_request, response) => response.end("over TLS"));
      await new Promise<void>((resolve) => target?.listen(0, "127.0.0.1", resolve));
      const targetPort = (target.address() as AddressInfo).port;
      // The proxy tunnels whatever it is asked for to the https server (cache.test resolves nowhere).
      connectProxy = await startConnectProxy(targetPort);
      const { tunnels } = connectProxy;
      tls.setDefaultCACertificates([...defaults, cert]);
      vi.stubEnv("HTTPS_PROXY", connectProxy.url);
      vi.stubEnv("NO_PROXY", "");
      const url = new URL(`https://cache.test:${targetPort}/nix-cache-info`);
      const answer = await sendRequest({ method: "GET", url }, { timeoutMs: 10_000 });
      expect(answer.body.toString()).toBe("over TLS");
      expect(tunnels).toEqual([`cache.test:${targetPort}`]);
      // Named in NO_PROXY: straight to cache.test, which resolves nowhere.
      vi.stubEnv("NO_PROXY", "cache.test");
      await expect(sendRequest({ method: "GET", url }, { timeoutMs: 10_000 })).rejects.toThrow(
        /ENOTFOUND|EAI_AGAIN/,
      );
      expect(tunnels).toHaveLength(1);
    } finally {
      tls.setDefaultCACertificates(defaults);
      vi.unstubAllEnvs();
      target?.closeAllConnections();
      await connectProxy?.close();
      await new Promise<void>((resolve) => (target ? target.close(() => resolve()) : resolve()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
