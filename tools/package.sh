#!/usr/bin/env bash
# Assembles a release from a built checkout: target/darkroom-VERSION/ and target/darkroom-VERSION.tar.gz.
# `./darkroom package` builds first and then runs this; the integration test PackageIT runs it after `mvn package`.
#
# A release holds what the service needs and nothing of the build: the jar with its libraries beside it (the
# jar's manifest names them under lib/), the launcher, routes/ and policy/ (read at run time from the install
# directory), models/manifest.json (for ./darkroom fetch-model), deploy/ (systemd, nginx, OCI), the usage text the
# launcher prints, and the documentation. The launcher recognises it by darkroom.jar at its top and no pom.xml.
set -euo pipefail

REPO="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd -P)"
readonly REPO
readonly TARGET="$REPO/target"

[[ -f $TARGET/darkroom.jar && -d $TARGET/lib ]] || {
  echo "package: no built jar in $TARGET; run ./darkroom package (or ./mvnw -DskipTests package) first" >&2
  exit 1
}
VERSION="$(sed -n 's/^version=//p' "$TARGET/classes/darkroom-version.properties")"
[[ -n $VERSION ]] || { echo "package: no version in target/classes/darkroom-version.properties" >&2; exit 1; }
readonly VERSION NAME="darkroom-$VERSION"
readonly OUT="$TARGET/$NAME"

rm -rf "$OUT" "$TARGET/$NAME.tar.gz"
mkdir -p "$OUT/models"
cp "$TARGET/darkroom.jar" "$OUT/"
cp -r "$TARGET/lib" "$OUT/lib"
cp "$REPO/darkroom" "$OUT/"
cp -r "$REPO/routes" "$REPO/policy" "$REPO/deploy" "$REPO/docs" "$OUT/"
cp "$REPO/models/manifest.json" "$REPO/models/README.md" "$OUT/models/"
cp "$REPO/src/main/resources/usage.txt" "$REPO/README.md" "$REPO/SECURITY.md" "$OUT/"
# Owner and times of the files as they are; the archive lists them in a stable order.
tar -C "$TARGET" --sort=name --owner=0 --group=0 --numeric-owner -czf "$TARGET/$NAME.tar.gz" "$NAME"
echo "$TARGET/$NAME.tar.gz"
