import { describe, expect, it } from "vitest";
import { formatBytes } from "../../src/lib/bytes.js";
import type { PathOutcome } from "../../src/push/push-paths.js";
import type { Selection } from "../../src/push/select-paths.js";
import { pushTotals, renderSummary } from "../../src/push/summary.js";

const path = (name: string) => `/nix/store/${"a".repeat(32)}-${name}`;
const selection: Selection = {
  toPush: [],
  available: new Set(),
  upstream: [path("glibc"), path("bash")],
  cached: [path("old")],
  filtered: [path("big-test-data")],
  unknown: ["./missing-result"],
};
const outcomes = new Map<string, PathOutcome>([
  [path("app"), { status: "pushed", narSize: 3 * 1024 * 1024, fileSize: 1024 * 1024 }],
  [path("lib"), { status: "pushed", narSize: 1024 * 1024, fileSize: 512 * 1024 }],
  [path("corrupt"), { status: "failed", reason: "does not match the NAR hash Nix recorded" }],
  [
    path("uses-corrupt"),
    { status: "dependency-failed", reason: `its reference ${path("corrupt")} was not pushed` },
  ],
  [path("late"), { status: "timed-out" }],
]);
const report = { cache: "file:///srv/cache", selection, outcomes, seconds: 2 };

describe("pushTotals", () => {
  it("counts pushed paths and bytes, and every path not pushed as skipped", () => {
    expect(pushTotals(report)).toEqual({
      pushed: 2,
      narBytes: 4 * 1024 * 1024,
      fileBytes: 1.5 * 1024 * 1024,
      notPushed: 3,
      skipped: 3 + 2 + 1 + 1 + 1,
    });
  });
});

describe("renderSummary", () => {
  it("gives counts by reason, bytes, speed, and lists what was not pushed with why", () => {
    const markdown = renderSummary(report);
    expect(markdown).toContain("### Nix binary cache: 2 paths pushed to file:///srv/cache");
    expect(markdown).toContain("| Skipped: signed by an upstream cache | 2 |");
    expect(markdown).toContain("| Skipped: already in the cache | 1 |");
    expect(markdown).toContain("| Skipped: matched pushFilter | 1 |");
    expect(markdown).toContain("| Failed | 1 |");
    expect(markdown).toContain("| Not pushed: a reference failed | 1 |");
    expect(markdown).toContain("| Not pushed: out of time (pushTimeout) | 1 |");
    expect(markdown).toContain("| NAR bytes | 4.0 MiB |");
    expect(markdown).toContain("| Uploaded (zstd) | 1.5 MiB |");
    expect(markdown).toContain("| Time | 2.0 s (2.0 MiB/s of NAR) |");
    expect(markdown).toContain(`- \`${path("corrupt")}\`: does not match the NAR hash Nix recorded`);
    expect(markdown).toContain(`- \`${path("late")}\`: pushTimeout ran out`);
    expect(markdown).toContain("- `./missing-result`: not a valid store path");
  });

  it("leaves out reasons that did not occur", () => {
    const clean = renderSummary({
      ...report,
      selection: { ...selection, upstream: [], cached: [], filtered: [], unknown: [] },
      outcomes: new Map([[path("app"), { status: "pushed", narSize: 10, fileSize: 5 }]]),
    });
    expect(clean).toContain("1 path pushed");
    expect(clean).not.toContain("Skipped");
    expect(clean).not.toContain("<details>");
  });
});

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [1023, "1023 B"],
    [1536, "1.5 KiB"],
    [5 * 2 ** 30, "5.0 GiB"],
  ])("%d → %s", (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});
