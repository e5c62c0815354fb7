#!/usr/bin/env bash
# Fetches the projects of the recall benchmark from Maven Central and lays each release out as a Maven tree:
#   DIR/trees/<artifactId>-<version>/src/{main,test}/{java,resources}
# plus the shared test classpath in DIR/deps/lib. Idempotent: what is already there is kept.
# Usage: selector/bench/prepare-recall.sh DIR        (./suiteflow bench-recall runs it with DIR = .run/recall)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
dir=${1:?usage: prepare-recall.sh DIR}
mkdir -p "$dir/jars" "$dir/trees" "$dir/deps"
dir=$(cd "$dir" && pwd)
mvnw=("$root/mvnw" -q -B)

fetch() { # groupId:artifactId version classifier
  local ga=$1 v=$2 c=$3 a=${1#*:}
  local jar="$dir/jars/$a-$v-$c.jar"
  [[ -f $jar ]] && return 0
  "${mvnw[@]}" -f "$here/recall-deps.pom.xml" dependency:copy -Dartifact="$ga:$v:jar:$c" \
    -DoutputDirectory="$dir/jars" >&2
}

unpack() { # jar target-java-dir target-resources-dir
  local tmp
  tmp=$(mktemp -d)
  (cd "$tmp" && unzip -qo "$1")
  rm -rf "$tmp/META-INF"
  mkdir -p "$2" "$3"
  (cd "$tmp" && find . -type f -name '*.java' -exec cp --parents {} "$2" \;)
  (cd "$tmp" && find . -type f ! -name '*.java' -exec cp --parents {} "$3" \;)
  rm -rf "$tmp"
}

tree() { # groupId:artifactId version drops
  local ga=$1 v=$2 drops=$3 a=${1#*:}
  local t="$dir/trees/$a-$v"
  [[ -f $t/.ready ]] && return 0
  fetch "$ga" "$v" sources
  fetch "$ga" "$v" test-sources
  rm -rf "$t"
  unpack "$dir/jars/$a-$v-sources.jar" "$t/src/main/java" "$t/src/main/resources"
  unpack "$dir/jars/$a-$v-test-sources.jar" "$t/src/test/java" "$t/src/test/resources"
  local d
  for d in ${drops//,/ }; do rm -rf "${t:?}/src/test/java/$d"; done
  touch "$t/.ready"
  echo "prepared $a $v" >&2
}

while read -r ga va vb extra; do
  [[ -z $ga || $ga == \#* ]] && continue
  drops=${extra#drop=}
  tree "$ga" "$va" "$drops"
  tree "$ga" "$vb" "$drops"
done < "$here/recall-projects.txt"

if [[ ! -f $dir/deps/.ready || $here/recall-deps.pom.xml -nt $dir/deps/.ready ]]; then
  "${mvnw[@]}" -f "$here/recall-deps.pom.xml" dependency:copy-dependencies -DoutputDirectory="$dir/deps/lib" >&2
  touch "$dir/deps/.ready"
fi
echo "$dir"
