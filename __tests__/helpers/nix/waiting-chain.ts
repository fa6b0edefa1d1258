/**
 * A chain of derivations whose builders can wait for the cache: the proof that paths are pushed while a build runs
 * (the builder of output k waits for the narinfo of output k−1, and fails after 60 s without it).
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { runOk } from "./env.js";

export interface Chain {
  readonly drvs: readonly string[];
  readonly outs: readonly string[];
}

/**
 * A chain of `count` derivations, each depending on the one before. With `waitFor`, builder k waits (at most
 * 60 s) until the narinfo of output k−1 is in that cache directory, and fails otherwise: the build then succeeds
 * only if paths are pushed while it runs.
 */
export async function instantiateChain(
  env: Readonly<Record<string, string>>,
  dir: string,
  count: number,
  waitFor?: string,
  /** Random bytes in each output, so that pushing one takes a while. */
  randomMiB = 0,
): Promise<Chain> {
  const nonce = `${Date.now()}${Math.random()}`.replace(/\D/g, "");
  const bindings = Array.from({ length: count }, (_, k) => {
    const wait =
      k === 0 || waitFor === undefined
        ? ""
        : [
            "h=$(basename $dep | cut -c1-32); i=0",
            `while [ ! -e ${waitFor}/$h.narinfo ]; do`,
            '  i=$((i+1)); if [ $i -gt 600 ]; then echo "no narinfo for $dep" >&2; exit 1; fi; sleep 0.1',
            "done",
          ].join("\n");
    const script = [
      "export PATH=/bin:/usr/bin",
      "set -e",
      wait,
      "mkdir $out",
      `echo '${nonce} ${k}' > $out/id`,
      ...(randomMiB > 0 ? [`head -c ${randomMiB * 1024 * 1024} /dev/urandom > $out/random`] : []),
      ...(k > 0 ? ["echo $dep > $out/dep"] : []),
    ].join("\n");
    return `  d${k} = derivation {
    name = "pwb-${k}";
    system = builtins.currentSystem;
    builder = "/bin/sh";
    args = [ "-c" ${JSON.stringify(script).replace(/\$/g, "\\$")} ];
    nonce = "${nonce}";${k > 0 ? `\n    dep = d${k - 1};` : ""}
  };`;
  });
  const file = path.join(dir, `chain-${nonce}.nix`);
  writeFileSync(
    file,
    `let\n${bindings.join("\n")}\nin [ ${Array.from({ length: count }, (_, k) => `d${k}`).join(" ")} ]\n`,
  );
  const drvs = lines(await runOk("nix-instantiate", [file], env));
  const outs = lines(await runOk("nix-store", ["-q", "--outputs", ...drvs], env));
  return { drvs, outs };
}

function lines(text: string): string[] {
  return text.split("\n").filter((line) => line !== "");
}
