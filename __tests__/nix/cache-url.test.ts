// Which cache URLs every Nix reads as the one meant. What Nix then does with them is judged in
// __tests__/setup-config.test.ts, against the Nix of each world; here, what the URL parser would rewrite quietly.
import { describe, expect, it } from "vitest";
import { parseCacheUrl, substituterUrl } from "../../src/nix/cache-url.js";

const parse = (text: string) => parseCacheUrl(text, ["file:", "http:", "https:"]);

describe("parseCacheUrl", () => {
  it.each([
    ["file:///srv/nix-cache/", "file:///srv/nix-cache"],
    ["http://cache.example:8080/team/ci", "http://cache.example:8080/team/ci"],
    ["HTTPS://Cache.Example/a~b_c.d-e:f@g", "https://cache.example/a~b_c.d-e:f@g"],
    ["http://127.0.0.1/c", "http://127.0.0.1/c"],
    ["http://[::1]:9000/c", "http://[::1]:9000/c"],
  ])("takes %s as the substituter %s", (text, substituter) => {
    expect(substituterUrl(parse(text))).toBe(substituter);
  });

  it.each([
    // Hosts the URL parser would change, or that curl's netrc or Nix's URL grammar would read otherwise.
    ['http://a"b/c', /host/],
    ["http://a{b}/c", /host/],
    ["http://a`b/c", /host/],
    ["http://a;b=c/c", /host/],
    ["http://a\u00adb.example/c", /host/],
    ["http://a\uff0eb/c", /host/],
    ["http://ex%41mple.com/c", /host/],
    ["http://0x7f.1/c", /host/],
    ["http://cache.example./c", /host/],
    ["http://bücher.example/c", /host/],
    // Paths and file:// URLs.
    ["file:relative", /absolute directory/],
    ["file:////", /absolute directory/],
    ["file:///", /absolute directory/],
    ["file://host/srv", /absolute directory/],
    ["file:///srv/a%2Fb", /%2F/],
    ["file:///srv/my%20cache", /%20 \(a space/],
    ["file:///srv/a+b", /'\+', which not every Nix reads as it stands/],
    ["http://h/a|b", /'\|'/],
    // As typed.
    ["file:///srv/my cache", /space \(U\+0020\) at character 15/],
    ["file:///srv\\cache", /'\\' at character 12, which URL parsers read as '\/'/],
    ["file:///srv/ca\tche", /tab/],
  ])("refuses %s", (text, problem) => {
    expect(() => parse(text)).toThrow(problem);
  });
});
