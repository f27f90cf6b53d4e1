# Finds a JDK 25 for the launcher (tools/neurorig) and CI (.ci/run); source it, then call
# neurorig_find_jdk25, which prints the JDK's home or returns 1. Order: JAVA_HOME, the system's JVM
# folders, then the java on PATH.

neurorig_is_jdk25() {
    [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | grep -Eq '^ *java\.specification\.version = 25$'
}

neurorig_find_jdk25() {
    if [ -n "${JAVA_HOME:-}" ] && neurorig_is_jdk25 "$JAVA_HOME"; then
        printf '%s\n' "$JAVA_HOME"
        return 0
    fi
    local candidate
    for candidate in /usr/lib/jvm/*25* /usr/lib/jvm/* /usr/local/lib/jvm/* /opt/java/* /opt/jdk* \
                     /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        if [ -d "$candidate" ] && neurorig_is_jdk25 "$candidate"; then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    if command -v java >/dev/null 2>&1; then
        candidate=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
        if neurorig_is_jdk25 "$candidate"; then
            printf '%s\n' "$candidate"
            return 0
        fi
    fi
    return 1
}

neurorig_no_jdk25_message() {
    echo "neurorig: no JDK 25 found (looked at JAVA_HOME, /usr/lib/jvm and the java on PATH): install one, e.g. Temurin 25 (apt-get install temurin-25-jdk from the Adoptium repository) or SDKMAN's 'sdk install java 25-tem', then set JAVA_HOME to it"
}
