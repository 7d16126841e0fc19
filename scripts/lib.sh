# Shared by the project's scripts: source it, do not run it.

# Prints the major version of a java executable (e.g. 25), or nothing.
java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}'
}

# Exports JAVA_HOME (and PATH) for a JDK >= 21: JAVA_HOME if it qualifies, else `java` on the PATH, else the newest
# under /usr/lib/jvm. The machine's default java may be 17; that is why this exists.
select_java() {
  local candidate best="" best_major=0 major
  for candidate in "${JAVA_HOME:-}" "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")" /usr/lib/jvm/* /opt/java/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(java_major "$candidate/bin/java")
    [[ "$major" =~ ^[0-9]+$ ]] || continue
    if [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
      best="$candidate"; best_major="$major"
    fi
  done
  if [ -z "$best" ]; then
    echo "error: no JDK 21 or newer found (looked at JAVA_HOME, PATH, /usr/lib/jvm, /opt/java). Install one." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  if [ "$best_major" -ge 24 ]; then
    # Maven 3.8's bundled Guava uses sun.misc.Unsafe; JDK 24+ warns about it on every build.
    export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
  fi
  echo "using JDK $best_major at $JAVA_HOME" >&2
}
