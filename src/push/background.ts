/**
 * The background pusher's work (the process is ../pusher.ts): while the build runs it notices new valid store
 * paths and pushes them with their closures, by post's own rules — the same selection (upstream and cached paths
 * left out, pushFilter) and the same push (signed, zstd, NAR before narinfo, references first). Each path it
 * publishes is told to `onPublished` at once, so that a pusher killed at any point leaves post an exact list.
 */
import { basename } from "node:path";
import { describeError } from "../lib/errors.js";
import type { Log } from "../lib/ports.js";
import { diffStoreEntries } from "../lib/store-diff.js";
import type { NixStore } from "../nix/store.js";
import type { PathOutcome } from "./push-paths.js";
import { type PushConfig, type PushDeps, type PushedPath, pushSelection } from "./run-push.js";
import { selectPaths } from "./select-paths.js";

export interface BackgroundPushDeps
  extends Pick<PushDeps, "cache" | "startStager" | "tempDir" | "progressInterval"> {
  readonly config: PushConfig;
  readonly nix: NixStore;
  readonly log: Log;
  /** The store directory's entries when setup snapshot it: never pushed as new (the closures may still hold them). */
  readonly snapshot: ReadonlySet<string>;
  readonly onPublished: (path: string, pushed: PushedPath) => void;
  /** Resolves when another round is due (the store directory changed, or some time passed), or `signal` aborts. */
  readonly nextRound: (signal: AbortSignal) => Promise<void>;
  /** Post asks the pusher to finish: no round or path starts after it; the paths under way complete. */
  readonly finish: AbortSignal;
  /** The pusher must end now (SIGTERM, post out of time): the round under way ends as a push does at its deadline. */
  readonly stop: AbortSignal;
}

/** Runs rounds until `finish` or `stop`; returns how many paths it published. */
export async function runBackgroundPush(deps: BackgroundPushDeps): Promise<number> {
  const round = startRounds(deps);
  const ended = AbortSignal.any([deps.finish, deps.stop]);
  while (!ended.aborted) {
    await deps.nextRound(ended);
    if (ended.aborted) break;
    try {
      await round();
    } catch (error) {
      if (deps.stop.aborted) break;
      // Whatever went wrong (Nix, the cache): post pushes what is missing (its paths are not asked about again
      // here unless a later path refers to them).
      deps.log.warning(`A round of the background push failed: ${describeError(error)}`);
    }
  }
  return round.published();
}

/** One round: the entries new since the last one, those of them that are valid now, pushed with their closures. */
function startRounds(deps: BackgroundPushDeps): (() => Promise<void>) & { published: () => number } {
  const { nix, log } = deps;
  // Every entry looked at once (valid or not; .drv files and locks too), so a round reads only what is new.
  const seen = new Set(deps.snapshot);
  // New build results that were not valid yet (still being built or substituted): asked about again each round.
  const pending = new Set<string>();
  // Paths pushed by earlier rounds or found available by them: never asked about or pushed again.
  const settled = new Set<string>();
  let published = 0;
  const round = async () => {
    const names = await nix.listStoreEntries();
    const added = diffStoreEntries(seen, names, nix.storeDir);
    for (const name of names) seen.add(name);
    for (const path of added.paths) pending.add(path);
    // A path whose build failed is removed by Nix: it will never be valid.
    const present = new Set(names);
    for (const path of pending) if (!present.has(basename(path))) pending.delete(path);
    if (pending.size === 0) return;
    // Validity first (closureOfValid asks it): `nix path-info` would realise a path still in the making.
    const closures = await nix.closureOfValid([...pending], { mayBeInvalid: true });
    const valid = [...pending].filter((path) => closures.has(path));
    for (const path of valid) pending.delete(path);
    if (valid.length === 0) return;
    const selection = await selectPaths(
      {
        added: { paths: valid, closures },
        pathsToPush: [],
        pushFilter: deps.config.pushFilter,
        upstreamKeys: deps.config.upstreamKeys,
        settled,
      },
      nix,
      deps.cache,
      log,
      deps.stop,
    );
    for (const path of selection.available) settled.add(path);
    if (selection.toPush.length === 0 || selection.cacheTrouble !== undefined) {
      if (selection.cacheTrouble !== undefined) log.warning(`The cache: ${selection.cacheTrouble}`);
      return;
    }
    const outcomes = new Map<string, PathOutcome>();
    await pushSelection({ ...deps, state: { storeDir: nix.storeDir } }, selection, deps.stop, outcomes, {
      onPushed: (path, pushed) => {
        settled.add(path);
        published++;
        deps.onPublished(path, pushed);
      },
      // Post takes over what has not started, on every core.
      drain: deps.finish,
    });
  };
  return Object.assign(round, { published: () => published });
}
