# A two-path closure (app references lib) that is new for every `nonce`, for the self-test jobs in ci.yml.
# The builders use only shell builtins (echo, redirection): inside Nix's sandbox /bin/sh is a lone busybox and
# there is no PATH, so mkdir & co. are not available there.
{ nonce ? "local" }:
let
  mk = name: script: derivation {
    inherit name;
    system = builtins.currentSystem;
    builder = "/bin/sh";
    args = [ "-c" script ];
  };
  lib = mk "nbca-self-test-lib" "echo 'lib ${nonce}' > $out";
  # Writing lib's path into the output makes it a runtime reference: pushing app must push lib too.
  app = mk "nbca-self-test-app" "echo 'app ${nonce} uses ${lib}' > $out";
in
app
