/**
 * Proxies as @actions/http-client honours them (its rules read from its source, node_modules/@actions/http-client/
 * lib/proxy.js), and a request that really goes through one: a counting proxy on loopback that forwards whatever it
 * is asked for to the stand-in of the Actions cache service, addressed by a name that is not loopback.
 */
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { actionsCacheService, bufferEntryBody } from "../../src/cache/actions-cache/entry-service.js";
import { bypassesProxy } from "../../src/net/proxy.js";
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
