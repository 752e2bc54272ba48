# Sourced by mvnw and the scripts: exports JAVA_HOME pointing at a JDK 21 or newer.
# Order: $JAVA_HOME if it is 21+, else the newest JDK under /usr/lib/jvm.
# Prints one line and returns 1 when there is none.

dim_java_major() {
  # "openjdk version "25.0.3"" / "java version "21.0.1"" -> 25 / 21 ; "1.8.0" -> 1
  "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

dim_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    major=$(dim_java_major "$JAVA_HOME")
    if [ "${major:-0}" -ge 21 ]; then
      export JAVA_HOME
      return 0
    fi
  fi
  best="" best_major=0
  set +f # callers such as mvnw run with globbing off
  for dir in /usr/lib/jvm/*; do
    [ -x "$dir/bin/javac" ] || continue
    [ -L "$dir" ] && continue
    major=$(dim_java_major "$dir")
    if [ "${major:-0}" -ge 21 ] && [ "${major:-0}" -gt "$best_major" ]; then
      best="$dir" best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "error: no JDK 21 or newer found (JAVA_HOME=${JAVA_HOME:-unset}, nothing suitable under /usr/lib/jvm); install one or set JAVA_HOME" >&2
    return 1
  fi
  JAVA_HOME="$best"
  export JAVA_HOME
}
